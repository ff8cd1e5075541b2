const debug = require('debug')('payments');

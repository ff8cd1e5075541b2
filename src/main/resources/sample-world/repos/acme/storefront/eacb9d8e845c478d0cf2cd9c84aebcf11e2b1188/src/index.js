import chalk from 'chalk';
console.log(chalk.green('storefront up (chalk 5.6.2)'));

package io.iocstream.alerts;

/** The alerting tools iocstream delivers to, each with its own request shape and de-duplication. */
public enum ReceiverType {
    /** PagerDuty Events API v2: {@code dedup_key}, {@code trigger} and {@code resolve}. */
    PAGERDUTY("https://events.pagerduty.com/v2/enqueue"),
    /** Opsgenie Alert API: {@code alias}, create and close. */
    OPSGENIE("https://api.opsgenie.com"),
    /** A Slack incoming webhook: the URL is the secret, messages have no key of their own. */
    SLACK(null),
    /** Any HTTP endpoint: the body is the finding record itself, the key in {@code Idempotency-Key}. */
    WEBHOOK(null);

    private final String defaultUrl;

    ReceiverType(String defaultUrl) {
        this.defaultUrl = defaultUrl;
    }

    /** The receiver's public endpoint, or null where the configuration must give one. */
    public String defaultUrl() {
        return defaultUrl;
    }
}

package io.iocstream.alerts;

/** What an alert stands for. */
public enum AlertKind {
    /** One finding, keyed by its {@code finding_id}. */
    FINDING,
    /** The findings of one IOC's retro hunt, gathered over the retro-hunt window, keyed by the IOC ids. */
    RETRO_HUNT_GROUP,
    /** The findings a route held back over its rate limit in one window, keyed by route and window. */
    OVER_LIMIT_SUMMARY
}

package io.iocstream.changes;

/** Why a file was looked at when a finding was made. */
public enum Trigger {
    PUSH, BASELINE, RETRO_HUNT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.iocstream.github;

/**
 * Whose webhook deliveries to list and redeliver: an organisation's hook ({@code /orgs/ORG/hooks/ID/deliveries}, with
 * a token that may administer it) or, with {@code org} null, the GitHub App's own hook ({@code /app/hook/deliveries},
 * with a JWT the App signs).
 */
public record HookRef(String org, long hookId) {

    /** The GitHub App's hook. */
    public static HookRef app() {
        return new HookRef(null, 0);
    }

    public static HookRef org(String org, long hookId) {
        if (org == null || hookId <= 0) {
            throw new IllegalArgumentException("an organisation hook needs the org and a positive hook id");
        }
        return new HookRef(org, hookId);
    }

    public boolean isApp() {
        return org == null;
    }

    @Override
    public String toString() {
        return isApp() ? "the App's hook" : "hook " + hookId + " of " + org;
    }
}

package io.iocstream.changes;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * When a ref's state goes away. A deleted ref's goes once its deletion is applied; a ref that is not a default
 * branch and was not pushed for {@code branchTtl} expires (its open findings stay open); default branches never
 * expire, since a new IOC must be hunted in them. The job's {@code state.branch_ttl} and
 * {@code state.default_branches} (docs/configuration.md).
 *
 * @param branchTtl       how long a ref other than a default branch lives without a push; null: refs never expire
 * @param defaultBranches branch names (without {@code refs/heads/}) that never expire, in every repository
 */
public record BranchLifetimes(Duration branchTtl, Set<String> defaultBranches) implements Serializable {

    /**
     * How long the planner remembers an ended (deleted or expired) ref's last scan number, and the matcher that it
     * ended: a ref created again within it goes on numbering its scans, so its new scans are applied after the end.
     */
    public static final Duration ENDED_REF_MEMORY = Duration.ofDays(1);

    private static final String BRANCH_PREFIX = "refs/heads/";

    public BranchLifetimes {
        defaultBranches = Set.copyOf(defaultBranches);
        if (branchTtl != null && branchTtl.compareTo(ENDED_REF_MEMORY) <= 0) {
            throw new IllegalArgumentException("a branch lifetime must be longer than " + ENDED_REF_MEMORY.toHours()
                    + "h: " + branchTtl);
        }
    }

    /** 90 days for refs other than {@code main} and {@code master}. */
    public static BranchLifetimes defaults() {
        return new BranchLifetimes(Duration.ofDays(90), Set.of("main", "master"));
    }

    /** Whether {@code ref} (a full ref name) expires when not pushed: every tag, and branches not named default. */
    public boolean expires(String ref) {
        if (branchTtl == null) {
            return false;
        }
        return !(ref.startsWith(BRANCH_PREFIX) && defaultBranches.contains(ref.substring(BRANCH_PREFIX.length())));
    }
}

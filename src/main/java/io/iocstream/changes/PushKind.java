package io.iocstream.changes;

/** What a push did to its ref. */
public enum PushKind {
    ORDINARY,
    BRANCH_CREATE,
    BRANCH_DELETE,
    FORCE_PUSH,
    TAG
}

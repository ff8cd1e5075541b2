package io.iocstream.parse;

/**
 * Workflows constructed for the tests after the published descriptions of the Shai-Hulud backdoor and the 2025
 * workflow injections (no verbatim copy of a real file): the parser's, the matcher's and the end-to-end tests share
 * them.
 */
public final class ConstructedWorkflows {

    /** The backdoor: triggered by {@code discussion} (line 3), run on the worm's self-hosted runner. */
    public static final String BACKDOOR = """
            name: Discussion Create
            on:
              discussion:
            jobs:
              process:
                runs-on: self-hosted
                steps:
                  - run: echo ${{ github.event.discussion.body }}
            """;

    /** An injectable workflow: {@code pull_request_target} on a self-hosted runner. */
    public static final String INJECTABLE = """
            name: Triage
            on:
              pull_request_target:
                types: [opened]
            jobs:
              triage:
                runs-on: [self-hosted, linux]
            """;

    private ConstructedWorkflows() {}
}

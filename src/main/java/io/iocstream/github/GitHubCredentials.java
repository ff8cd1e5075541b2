package io.iocstream.github;

import java.io.Serializable;
import java.util.Objects;

/**
 * Who a {@link GitHubClient} is to GitHub: nobody, the holder of a token, or a GitHub App installation. A token's
 * value is never printed; an App is described by its ids and where its private key lies, never by the key.
 */
public sealed interface GitHubCredentials {

    /** No {@code Authorization} header: the simulator, or public data at 60 requests an hour. */
    static GitHubCredentials anonymous() {
        return Anonymous.INSTANCE;
    }

    /** A personal access or Actions token, sent as {@code Authorization: Bearer}; null means anonymous. */
    static GitHubCredentials token(String token) {
        return token == null ? anonymous() : new Token(token);
    }

    /**
     * What the fetch stage's settings name, resolved on the task manager: an App when one is given, else the token
     * in environment variable {@code tokenEnvVar} (anonymous when the name is null or the variable is not set).
     */
    public static GitHubCredentials resolve(String tokenEnvVar, App app) {
        if (app != null) {
            return app;
        }
        return token(tokenEnvVar == null ? null : System.getenv(tokenEnvVar));
    }

    /** The anonymous client. */
    final class Anonymous implements GitHubCredentials {
        private static final Anonymous INSTANCE = new Anonymous();

        private Anonymous() {}

        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /** A token, sent as it is. */
    record Token(String value) implements GitHubCredentials {
        public Token {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("token must be non-blank");
            }
        }

        @Override
        public String toString() {
            return "token ***";
        }
    }

    /**
     * A GitHub App installation: a JWT signed with the App's private key buys installation tokens, which expire
     * after an hour and are renewed before they do.
     *
     * @param appId          the App's client id or numeric app id (the JWT's {@code iss})
     * @param privateKeyFile a PEM file ({@code BEGIN RSA PRIVATE KEY} as GitHub hands it out, or PKCS#8
     *                       {@code BEGIN PRIVATE KEY}), typically a mounted Kubernetes Secret; read on the task
     *                       manager, never shipped with the job
     * @param installationId the installation on the organisation to scan
     */
    record App(String appId, String privateKeyFile, long installationId) implements GitHubCredentials, Serializable {
        public App {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
            if (appId.isBlank() || !appId.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("appId must be an App's client id or number, was '" + appId + "'");
            }
            if (installationId <= 0) {
                throw new IllegalArgumentException("installationId must be > 0, was " + installationId);
            }
        }
    }
}

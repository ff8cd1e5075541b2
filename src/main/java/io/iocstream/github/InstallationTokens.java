package io.iocstream.github;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A GitHub App installation's access tokens for one client: minted with a freshly signed JWT, used until shortly
 * before they expire (five minutes, or half their life when that is shorter), minted again when GitHub refuses
 * one. The private key is read again for every JWT, so a rotated Secret is picked up without a restart. Every
 * JWT and token is handed to the client's {@link TokenRedactor} before it is used. Thread-safe: one mint at a time.
 */
final class InstallationTokens {

    /** Renew this long before a token expires, so that no request is sent with a token about to lapse. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** What {@code POST /app/installations/ID/access_tokens} answered. */
    record Minted(String token, Instant expiresAt) {}

    /** Trades a JWT for an installation token: the client's call to GitHub. */
    @FunctionalInterface
    interface Exchange {
        Minted mint(String jwt) throws IOException;
    }

    private final GitHubCredentials.App app;
    private final Exchange exchange;
    private final TokenRedactor redactor;
    private final Clock clock;
    private String token;
    private Instant renewAt;

    InstallationTokens(GitHubCredentials.App app, Exchange exchange, TokenRedactor redactor, Clock clock) {
        this.app = app;
        this.exchange = exchange;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** A token that is good for a while yet, minted now when there is none. */
    synchronized String current() throws IOException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            mint();
        }
        return token;
    }

    /** Forgets {@code refused} if it is still the one in use, so the next {@link #current()} mints another. */
    synchronized void refused(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private void mint() throws IOException {
        Instant now = clock.instant();
        String jwt;
        try {
            jwt = AppJwt.sign(app.appId(), AppPrivateKey.read(Path.of(app.privateKeyFile())), now);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign a JWT with the GitHub App private key in " + app.privateKeyFile()
                    + ": " + e.getClass().getSimpleName());
        }
        redactor.remember(jwt);
        Minted minted = exchange.mint(jwt);
        redactor.remember(minted.token());
        Duration life = Duration.between(now, minted.expiresAt());
        if (life.isNegative() || life.isZero()) {
            throw new IOException("GitHub answered an installation token that expired at " + minted.expiresAt());
        }
        Duration early = life.dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0 ? life.dividedBy(2) : RENEW_BEFORE_EXPIRY;
        token = minted.token();
        renewAt = minted.expiresAt().minus(early);
    }
}

package io.iocstream.github.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes and answers the simulated GitHub REST calls, checking credentials (when asked to) and applying the rate
 * limit and the injected faults first.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final int COMPARE_FILE_CAP = 300;
    private static final long CONTENTS_JSON_MAX_BYTES = 1024 * 1024;
    private static final String DOCS = "https://docs.github.com/rest";
    private static final int GRAPHQL_BODY_MAX_BYTES = 4 * 1024 * 1024;
    /** GitHub's answer to a GraphQL query it abandoned at its time limit (seen with HTTP 502 on api.github.com). */
    static final String GRAPHQL_TIMEOUT_MESSAGE = "Something went wrong while executing your query. This may be the "
            + "result of a timeout, or it could be a GitHub bug. Please include `" + "0000:0000:0000000:0000000:00000000"
            + "` when reporting this issue.";
    /** GitHub's answer to a REST request it abandoned at its time limit ("Rate limits for the REST API"). */
    static final String REST_TIMEOUT_MESSAGE = "We couldn't respond to your request in time. Sorry about that. "
            + "Please try resubmitting your request and contact us if the problem persists.";
    private static final long SLOW_BODY_PAUSE_MS = 200;
    private static final int WRITE_CHUNK = 16 * 1024;
    private static final int STATUS_BODY_MAX_BYTES = 64 * 1024;
    private static final List<String> STATUS_STATES = List.of("error", "failure", "pending", "success");
    private static final List<String> CHECK_STATUSES = List.of("queued", "in_progress", "completed");
    private static final List<String> CHECK_CONCLUSIONS = List.of("action_required", "cancelled", "failure",
            "neutral", "success", "skipped", "stale", "timed_out");
    private static final String SECONDARY_LIMIT_DOCS =
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    /** GitHub's secondary-limit message names the request; the simulator has one id for them all. */
    private static final String REQUEST_ID = "0000:0000:0000000:0000000:00000000";
    /** Who set the statuses: the simulator's one App. */
    private static final ApiBodies.User SIMULATED_APP = new ApiBodies.User("iocstream-sim[bot]", 1, "BOT_sim",
            "https://avatars.githubusercontent.com/in/1", null, null, "Bot", false);

    private final WorldRepos repos;
    private final RateLimitWindow rateLimit;
    private final FaultInjector faults;
    private final RequestCounter counter;
    private final String baseUrl;
    private final GraphQlBlobs graphQlBlobs;
    private final OrgEventFeed orgEvents;
    private final int pollIntervalSeconds;
    private final int treeEntryCap;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final int maxConcurrent;
    private final InstallationTokenIssuer tokens;
    private final List<CommitStatus> statuses;
    private final HookDeliveries hook;
    private final List<CheckRun> checkRuns;
    private final ContentCreationWindow contentCreation;
    /** GitHub's costs, or null for the fixed latency. */
    private final CostModel cost;
    private final PointsWindow points = new PointsWindow(java.time.Clock.systemUTC());
    /**
     * What the answer of the exchange this thread serves holds, for the cost model, whether its time was spent, and
     * whether its body is to trickle. Per thread, not an exchange attribute: the JDK server keeps those in the
     * context, shared by every exchange (one slow-body fault made every later answer trickle).
     */
    private final ThreadLocal<Charge> charge = ThreadLocal.withInitial(Charge::new);

    private static final class Charge {
        long objects;
        long treeEntries;
        boolean spent;
        boolean slowBody;
    }
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    ApiHandler(WorldRepos repos, RateLimitWindow rateLimit, FaultInjector faults, RequestCounter counter,
               String baseUrl, Path world, int pollIntervalSeconds, int treeEntryCap, InstallationTokenIssuer tokens,
               List<CommitStatus> statuses, HookDeliveries hook,
               List<CheckRun> checkRuns, ContentCreationWindow contentCreation, CostModel cost) {
        this.repos = repos;
        this.rateLimit = rateLimit;
        this.faults = faults;
        this.counter = counter;
        this.baseUrl = baseUrl;
        this.graphQlBlobs = new GraphQlBlobs(repos, json);
        // event objects are written as read: GitHub's snake_case names are already in them
        this.orgEvents = new OrgEventFeed(world, baseUrl, new ObjectMapper());
        this.pollIntervalSeconds = pollIntervalSeconds;
        this.treeEntryCap = treeEntryCap;
        this.maxConcurrent = faults.maxConcurrent();
        this.tokens = tokens;
        this.statuses = statuses;
        this.hook = hook;
        this.checkRuns = checkRuns;
        this.contentCreation = contentCreation;
        this.cost = cost;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        charge.set(new Charge());
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                // a GET carries no body worth reading; drain it so the connection can be reused
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            }
            serve(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away or a world file vanished mid-answer; nothing useful can be sent any more
            LOG.debug("answer to {} failed: {}", exchange.getRequestURI().getRawPath(), e.toString());
        } catch (ConnectionDropped e) {
            // a fault asked for: the request stays unanswered
        } catch (RuntimeException e) {
            LOG.warn("simulator failed on {}", exchange.getRequestURI().getRawPath(), e);
            counter.count("server_error");
            trySend(exchange, 500, new ApiBodies.Error("Server Error", DOCS, "500"));
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        counter.countTotal();
        try {
            if (inFlight.incrementAndGet() > maxConcurrent) {
                // GitHub's secondary limit: too many requests at once for one token
                counter.count("secondary_limited");
                exchange.getResponseHeaders().set("retry-after", "1");
                sendJson(exchange, 403, new ApiBodies.Error("You have exceeded a secondary rate limit. Please wait "
                        + "a few minutes before you try again.", DOCS, "403"), rateLimit.peek());
                return;
            }
            serveWithinLimits(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void serveWithinLimits(HttpExchange exchange) throws IOException, InterruptedException {
        if (cost == null) {
            faults.delay();
        }
        List<String> segments = rawSegments(exchange.getRequestURI().getRawPath());
        boolean post = "POST".equals(exchange.getRequestMethod());
        if (post && segments.size() == 4 && segments.get(0).equals("app") && segments.get(1).equals("installations")
                && segments.get(3).equals("access_tokens")) {
            accessTokens(exchange, segments.get(2));
            return;
        }
        if (segments.size() >= 3 && segments.subList(0, 3).equals(List.of("app", "hook", "deliveries"))) {
            appHookDeliveries(exchange, segments, post);
            return;
        }
        if (tokens.required() && !tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            counter.count("unauthorized");
            sendJson(exchange, 401, new ApiBodies.Error("Bad credentials", DOCS, "401"), rateLimit.peek());
            return;
        }
        boolean graphQl = post && segments.equals(List.of("graphql"));
        boolean statusPost = post && segments.size() == 5 && segments.get(0).equals("repos")
                && segments.get(3).equals("statuses");
        boolean hookDeliveries = segments.size() >= 5 && segments.get(0).equals("orgs")
                && segments.get(2).equals("hooks") && segments.get(4).equals("deliveries");
        boolean checkRunPost = post && segments.size() == 4 && segments.get(0).equals("repos")
                && segments.get(3).equals("check-runs");
        if (!"GET".equals(exchange.getRequestMethod()) && !graphQl && !statusPost && !(post && hookDeliveries)
                && !checkRunPost) {
            notFound(exchange, rateLimit.peek());
            return;
        }
        if (segments.equals(List.of("rate_limit"))) {
            // GitHub does not charge this endpoint against the limit
            RateLimitWindow.Snapshot now = rateLimit.peek();
            counter.count("rate_limit");
            ApiBodies.Rate core = new ApiBodies.Rate(now.limit(), now.used(), now.remaining(),
                    now.resetEpochSeconds(), "core");
            sendJson(exchange, 200, new ApiBodies.RateLimit(Map.of("core", core), core), now);
            return;
        }
        Optional<List<String>> decoded = decodeAll(segments);
        if (isOrgEvents(decoded)) {
            orgEvents(exchange, decoded.get().get(1));
            return;
        }
        Optional<RateLimitWindow.Snapshot> rate = admitted(exchange);
        if (rate.isEmpty() || !pointsAdmitted(exchange, graphQl ? "graphql" : restEndpoint(segments), post,
                rate.get())) {
            return;
        }
        if (hookDeliveries) {
            boolean ours = segments.get(1).equals(hook.org()) && segments.get(3).equals(Long.toString(hook.hookId()));
            if (ours) {
                deliveries(exchange, segments.subList(5, segments.size()), post,
                        "/orgs/" + hook.org() + "/hooks/" + hook.hookId() + "/deliveries", rate.get());
            } else {
                notFound(exchange, rate.get());
            }
        } else if (graphQl) {
            graphQl(exchange, rate.get());
        } else if (isRepositoryListing(decoded)) {
            repositories(exchange, decoded.get(), rate.get());
        } else if (statusPost && decoded.isPresent()) {
            if (contentCreationAdmitted(exchange, "statuses", rate.get())) {
                createStatus(exchange, decoded.get().get(1), decoded.get().get(2), decoded.get().get(4), rate.get());
            }
        } else if (checkRunPost && decoded.isPresent()) {
            if (contentCreationAdmitted(exchange, "check_runs", rate.get())) {
                createCheckRun(exchange, decoded.get().get(1), decoded.get().get(2), rate.get());
            }
        } else {
            route(exchange, decoded, rate.get());
        }
    }

    /**
     * {@code POST /app/installations/ID/access_tokens}: an installation token for a JWT the App signed, answered as
     * GitHub does (201, {@code token} and {@code expires_at}), or 401 with GitHub's reason. Not rate limited: GitHub
     * counts App requests apart from the installation's.
     */
    private void accessTokens(HttpExchange exchange, String installation) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        long id;
        try {
            id = Long.parseLong(installation);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (!tokens.servesApp() || id <= 0) {
            notFound(exchange, rateLimit.peek());
            return;
        }
        try {
            InstallationTokenIssuer.Issued token = tokens.issue(exchange.getRequestHeaders().getFirst("Authorization"),
                    id);
            counter.count("access_tokens");
            sendJson(exchange, 201, new ApiBodies.InstallationToken(token.token(), token.expiresAt().toString(),
                    Map.of("contents", "read", "metadata", "read"), "all"), rateLimit.peek());
        } catch (InstallationTokenIssuer.Refused refused) {
            counter.count("access_tokens_refused");
            sendJson(exchange, 401, new ApiBodies.Error(refused.getMessage(), DOCS, "401"), rateLimit.peek());
        }
    }

    /**
     * {@code GET /app/hook/deliveries} and {@code POST /app/hook/deliveries/ID/attempts}: the App's hook, read with a
     * JWT the App signed (GitHub refuses installation tokens here); not rate limited, as GitHub counts App requests
     * apart.
     */
    private void appHookDeliveries(HttpExchange exchange, List<String> segments, boolean post) throws IOException {
        try {
            tokens.checkJwt(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (InstallationTokenIssuer.Refused refused) {
            counter.count("unauthorized");
            sendJson(exchange, 401, new ApiBodies.Error(refused.getMessage(), DOCS, "401"), rateLimit.peek());
            return;
        }
        deliveries(exchange, segments.subList(3, segments.size()), post, "/app/hook/deliveries", rateLimit.peek());
    }

    /**
     * A hook's deliveries, newest first, paged by {@code per_page} (at most 100) and an opaque {@code cursor} with a
     * {@code Link rel="next"} as GitHub pages them; or, for {@code POST ID/attempts}, a redelivery of attempt ID:
     * delivered before the answer (GitHub does it soon after), then 202.
     */
    private void deliveries(HttpExchange exchange, List<String> rest, boolean post, String path,
            RateLimitWindow.Snapshot rate) throws IOException {
        if (post) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            long id = rest.size() == 2 && rest.get(1).equals("attempts") ? longOrZero(rest.get(0)) : 0;
            if (id <= 0 || hook.redeliver(id).isEmpty()) {
                notFound(exchange, rate);
                return;
            }
            counter.count("hook_redeliveries");
            sendJson(exchange, 202, Map.of(), rate);
            return;
        }
        if (!rest.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int perPage = Math.max(1, Math.min(intParam(query.get("per_page"), 30), 100));
        long before = query.containsKey("cursor") ? longOrZero(query.get("cursor").replaceFirst("^v1_", "")) : 0;
        List<HookDeliveries.Attempt> all = hook.attempts().stream()
                .filter(attempt -> before <= 0 || attempt.id() < before).toList();
        List<ApiBodies.HookDelivery> listed = new ArrayList<>();
        for (HookDeliveries.Attempt attempt : all.subList(0, Math.min(perPage, all.size()))) {
            listed.add(new ApiBodies.HookDelivery(attempt.id(), attempt.guid(), attempt.deliveredAt().toString(),
                    attempt.redelivery(), attempt.duration(), attempt.status(), attempt.statusCode(), attempt.event(),
                    attempt.action(), null, null, null));
        }
        if (all.size() > perPage) {
            exchange.getResponseHeaders().set("Link", "<" + baseUrl + path + "?per_page=" + perPage + "&cursor=v1_"
                    + all.get(perPage - 1).id() + ">; rel=\"next\"");
        }
        counter.count("hook_deliveries");
        sendJson(exchange, 200, listed, rate);
    }

    private static long longOrZero(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code POST /repos/OWNER/NAME/statuses/SHA}: records the status and answers as GitHub does (201, the status
     * with its {@code url} also in {@code Location}); 422 for a state GitHub does not know or a commit not in the
     * world.
     */
    private void createStatus(HttpExchange exchange, String owner, String name, String sha,
                              RateLimitWindow.Snapshot rate) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body;
        try (var in = exchange.getRequestBody()) {
            body = json.readTree(in.readNBytes(STATUS_BODY_MAX_BYTES));
        } catch (IOException malformed) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            counter.count("statuses_refused");
            sendJson(exchange, 400, new ApiBodies.Error("Problems parsing JSON", DOCS, "400"), rate);
            return;
        }
        String state = body.path("state").asText("");
        if (!STATUS_STATES.contains(state)) {
            counter.count("statuses_refused");
            sendJson(exchange, 422, new ApiBodies.ValidationError("Validation Failed",
                    List.of(new ApiBodies.ValidationDetail("Status", "invalid", "state")), DOCS, "422"), rate);
            return;
        }
        if (repos.commitDir(owner, name, sha).isEmpty()) {
            counter.count("statuses_refused");
            sendJson(exchange, 422, new ApiBodies.Error("No commit found for SHA: " + sha, DOCS, "422"), rate);
            return;
        }
        CommitStatus status = new CommitStatus(owner + "/" + name, sha, state, text(body, "target_url"),
                text(body, "description"), body.hasNonNull("context") ? body.get("context").asText() : "default");
        statuses.add(status);
        counter.count("statuses");
        String url = baseUrl + "/repos/" + owner + "/" + name + "/statuses/" + sha;
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        long id = statuses.size();
        exchange.getResponseHeaders().set("Location", url);
        sendJson(exchange, 201, new ApiBodies.Status(url, SIMULATED_APP.avatarUrl(), id, "SC_sim" + id, status.state(),
                status.description(), status.targetUrl(), status.context(), now, now, SIMULATED_APP), rate);
    }

    /**
     * GitHub's secondary limits for content creation: past them, a 403 with GitHub's secondary-limit message and the
     * {@code retry-after} until a request would be taken.
     */
    private boolean contentCreationAdmitted(HttpExchange exchange, String kind, RateLimitWindow.Snapshot rate)
            throws IOException {
        ContentCreationWindow.Admission admission = contentCreation.admit(kind);
        if (admission.accepted()) {
            return true;
        }
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        refuseOverSecondaryLimit(exchange, "content_limited", admission.retryAfter(), rate);
        return false;
    }

    /** GitHub's answer past a secondary limit: 403, {@code retry-after} in whole seconds, counted as {@code kind}. */
    private void refuseOverSecondaryLimit(HttpExchange exchange, String kind, Duration retryAfter,
            RateLimitWindow.Snapshot rate) throws IOException {
        counter.count(kind);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        exchange.getResponseHeaders().set("retry-after", Long.toString(seconds));
        sendJson(exchange, 403, new ApiBodies.Error("You have exceeded a secondary rate limit. Please wait a few "
                + "minutes before you try again. If you reach out to GitHub Support for help, please include the "
                + "request ID " + REQUEST_ID + ".", SECONDARY_LIMIT_DOCS, "403"), rate);
    }

    /**
     * {@code POST /repos/OWNER/NAME/check-runs}: records the run and answers as GitHub does (201, the run); 403 unless
     * the request comes with a GitHub App's installation token (only Apps may create check runs), 422 for a missing
     * name, an unknown commit or conclusion.
     */
    private void createCheckRun(HttpExchange exchange, String owner, String name, RateLimitWindow.Snapshot rate)
            throws IOException {
        com.fasterxml.jackson.databind.JsonNode body;
        try (var in = exchange.getRequestBody()) {
            body = json.readTree(in.readNBytes(STATUS_BODY_MAX_BYTES * 2));
        } catch (IOException malformed) {
            body = null;
        }
        if (!tokens.isInstallationToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
            counter.count("check_runs_refused");
            sendJson(exchange, 403, new ApiBodies.Error("You must authenticate via a GitHub App.", DOCS, "403"), rate);
            return;
        }
        if (body == null || !body.isObject()) {
            counter.count("check_runs_refused");
            sendJson(exchange, 400, new ApiBodies.Error("Problems parsing JSON", DOCS, "400"), rate);
            return;
        }
        String headSha = body.path("head_sha").asText("");
        String runName = body.path("name").asText("");
        String status = body.path("status").asText("queued");
        String conclusion = text(body, "conclusion");
        boolean completed = "completed".equals(status);
        if (runName.isBlank() || !CHECK_STATUSES.contains(status) || completed != (conclusion != null)
                || conclusion != null && !CHECK_CONCLUSIONS.contains(conclusion)
                || repos.commitDir(owner, name, headSha).isEmpty()) {
            counter.count("check_runs_refused");
            sendJson(exchange, 422, new ApiBodies.ValidationError("Invalid request.",
                    List.of(new ApiBodies.ValidationDetail("CheckRun", "invalid", runName.isBlank() ? "name"
                            : repos.commitDir(owner, name, headSha).isEmpty() ? "head_sha" : "conclusion")),
                    DOCS, "422"), rate);
            return;
        }
        com.fasterxml.jackson.databind.JsonNode output = body.path("output");
        CheckRun run = new CheckRun(owner + "/" + name, headSha, runName, status, conclusion, text(output, "title"),
                text(output, "summary"));
        checkRuns.add(run);
        counter.count("check_runs");
        long id = checkRuns.size();
        String url = baseUrl + "/repos/" + owner + "/" + name + "/check-runs/" + id;
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        sendJson(exchange, 201, new ApiBodies.CheckRunBody(id, headSha, "CR_sim" + id, null, url,
                "https://github.com/" + owner + "/" + name + "/runs/" + id, null, status, conclusion, now,
                completed ? now : null, new ApiBodies.CheckOutput(run.title(), run.summary(), null, 0,
                        url + "/annotations"), runName, new ApiBodies.CheckSuite(id), SIMULATED_APP, List.of()), rate);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    /**
     * Charges the rate limit and applies an injected fault: the rate left when the request may be answered, or
     * empty when it has been answered already (rate limited, or failed as a fault asks).
     */
    private Optional<RateLimitWindow.Snapshot> admitted(HttpExchange exchange) throws IOException {
        RateLimitWindow.Snapshot rate = rateLimit.acquire();
        if (!rate.allowed()) {
            counter.count("rate_limited");
            sendJson(exchange, 403, new ApiBodies.Error("API rate limit exceeded for 127.0.0.1. "
                    + "(But here's the good news: Authenticated requests get a higher rate limit.)", DOCS, "403"),
                    rate);
            return Optional.empty();
        }
        Optional<FaultInjector.Fault> fault = faults.injected();
        if (fault.isPresent() && fault.get() != FaultInjector.Fault.SLOW_BODY) {
            counter.count("injected_error");
            switch (fault.get()) {
                case CONNECTION_RESET -> {
                    // the answer breaks off: a promised body that never comes, then the connection is gone
                    exchange.sendResponseHeaders(200, 1 << 20);
                    exchange.getResponseBody().write("{\"tr".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    throw new ConnectionDropped();
                }
                case TOO_MANY_REQUESTS -> {
                    exchange.getResponseHeaders().set("retry-after", "1");
                    sendJson(exchange, 429, new ApiBodies.Error("You have exceeded a secondary rate limit.", DOCS,
                            "429"), rate);
                }
                default -> {
                    int status = fault.get() == FaultInjector.Fault.BAD_GATEWAY ? 502 : 503;
                    sendJson(exchange, status, new ApiBodies.Error(status == 502 ? "Bad Gateway"
                            : "Service Unavailable", DOCS, Integer.toString(status)), rate);
                }
            }
            return Optional.empty();
        }
        if (fault.isPresent()) {
            // a slow body is still a correct answer: it is counted by what it answers
            charge.get().slowBody = true;
        }
        return Optional.of(rate);
    }

    private void graphQl(HttpExchange exchange, RateLimitWindow.Snapshot rate) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readNBytes(GRAPHQL_BODY_MAX_BYTES);
        }
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> answer;
        try {
            answer = graphQlBlobs.answer(body);
        } catch (IOException malformed) {
            answer = Optional.empty();
        }
        if (answer.isEmpty()) {
            counter.count("graphql_rejected");
            sendJson(exchange, 400, new ApiBodies.Error("Problems parsing JSON or unsupported query", DOCS, "400"),
                    rate);
            return;
        }
        counter.count("graphql");
        if (cost != null) {
            long[] held = GraphQlBlobs.objectsAndEntries(answer.get().path("data"));
            addCost(exchange, held[0], held[1]);
        }
        sendJson(exchange, 200, answer.get(), rate, "graphql");
    }

    private void route(HttpExchange exchange, Optional<List<String>> decoded, RateLimitWindow.Snapshot rate)
            throws IOException {
        if (decoded.isEmpty() || decoded.get().size() < 4 || !decoded.get().get(0).equals("repos")) {
            notFound(exchange, rate);
            return;
        }
        List<String> s = decoded.get();
        String owner = s.get(1);
        String name = s.get(2);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String endpoint = s.get(3);
        if (endpoint.equals("contents")) {
            contents(exchange, owner, name, String.join("/", s.subList(4, s.size())), query.get("ref"), rate);
        } else if (endpoint.equals("git") && s.size() == 6 && s.get(4).equals("trees")) {
            tree(exchange, owner, name, s.get(5), "1".equals(query.get("recursive"))
                    || "true".equals(query.get("recursive")), rate);
        } else if (endpoint.equals("git") && s.size() == 6 && s.get(4).equals("blobs")) {
            blob(exchange, owner, name, s.get(5), rate);
        } else if (endpoint.equals("git") && s.size() >= 7 && s.get(4).equals("ref") && s.get(5).equals("heads")) {
            branchRef(exchange, owner, name, String.join("/", s.subList(6, s.size())), rate);
        } else if (endpoint.equals("compare") && s.size() == 5 && s.get(4).contains("...")) {
            String[] baseHead = s.get(4).split("\\.\\.\\.", 2);
            compare(exchange, owner, name, baseHead[0], baseHead[1], rate);
        } else {
            notFound(exchange, rate);
        }
    }

    /** {@code /orgs/ORG/repos} or {@code /installation/repositories}. */
    private static boolean isRepositoryListing(Optional<List<String>> segments) {
        return segments.isPresent() && (segments.get().equals(List.of("installation", "repositories"))
                || segments.get().size() == 3 && segments.get().get(0).equals("orgs")
                        && segments.get().get(2).equals("repos"));
    }

    /**
     * A page of an organisation's repositories (the directories under {@code repos/ORG/}), or of an installation's
     * (every repository of the world), sorted by name, paged by {@code per_page} and {@code page} with GitHub's
     * {@code Link} header; the other query parameters are carried into the links as GitHub does.
     */
    private void repositories(HttpExchange exchange, List<String> segments, RateLimitWindow.Snapshot rate)
            throws IOException {
        boolean installation = segments.get(0).equals("installation");
        String org = installation ? null : segments.get(1);
        if (!installation && !repos.ownerExists(org)) {
            notFound(exchange, rate);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int perPage = Math.max(1, Math.min(intParam(query.get("per_page"), 30), 100));
        int page = Math.max(1, intParam(query.get("page"), 1));
        List<String> all = repos.repositories(org);
        int lastPage = Math.max(1, (all.size() + perPage - 1) / perPage);
        List<ApiBodies.Repository> listed = new ArrayList<>();
        for (String fullName : all.subList(Math.min((page - 1) * perPage, all.size()),
                Math.min(page * perPage, all.size()))) {
            String owner = fullName.substring(0, fullName.indexOf('/'));
            listed.add(new ApiBodies.Repository(Integer.toUnsignedLong(fullName.hashCode()),
                    fullName.substring(owner.length() + 1), fullName, true,
                    new ApiBodies.Owner(owner, "Organization"), WorldRepos.DEFAULT_BRANCH, false, false, "private",
                    baseUrl + "/repos/" + fullName));
        }
        String path = installation ? "/installation/repositories" : "/orgs/" + org + "/repos";
        String link = pageLinks(baseUrl + path, query, page, lastPage);
        if (link != null) {
            exchange.getResponseHeaders().set("Link", link);
        }
        counter.count("repositories");
        sendJson(exchange, 200, installation
                ? new ApiBodies.InstallationRepositories(all.size(), "all", listed) : listed, rate);
    }

    /** GitHub's {@code Link} header for page {@code page} of {@code lastPage}, keeping the request's parameters. */
    private static String pageLinks(String url, Map<String, String> query, int page, int lastPage) {
        StringBuilder kept = new StringBuilder(url).append('?');
        new java.util.TreeMap<>(query).forEach((key, value) -> {
            if (!key.equals("page")) {
                kept.append(java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        String at = kept.append("page=").toString();
        List<String> rels = new ArrayList<>();
        if (page > 1) {
            rels.add("<" + at + (page - 1) + ">; rel=\"prev\"");
        }
        if (page < lastPage) {
            rels.add("<" + at + (page + 1) + ">; rel=\"next\"");
            rels.add("<" + at + lastPage + ">; rel=\"last\"");
        }
        if (page > 1) {
            rels.add("<" + at + 1 + ">; rel=\"first\"");
        }
        return rels.isEmpty() ? null : String.join(", ", rels);
    }

    /**
     * {@code GET /repos/O/R/git/ref/heads/BRANCH}: the default branch's head (see {@link WorldRepos}); 409 for a
     * repository without commits, as GitHub answers for an empty repository; 404 for any other branch.
     */
    private void branchRef(HttpExchange exchange, String owner, String name, String branch,
                           RateLimitWindow.Snapshot rate) throws IOException {
        if (branch.equals(WorldRepos.DEFAULT_BRANCH) && repos.isEmpty(owner, name)) {
            counter.count("git_refs");
            sendJson(exchange, 409, new ApiBodies.Error("Git Repository is empty.", DOCS, "409"), rate);
            return;
        }
        Optional<String> head = branch.equals(WorldRepos.DEFAULT_BRANCH)
                ? repos.defaultBranchHead(owner, name) : Optional.empty();
        if (head.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        String repoUrl = baseUrl + "/repos/" + owner + "/" + name;
        counter.count("git_refs");
        sendJson(exchange, 200, new ApiBodies.GitRef("refs/heads/" + branch, repoUrl + "/git/refs/heads/" + branch,
                new ApiBodies.GitObject(head.get(), "commit", repoUrl + "/git/commits/" + head.get())), rate);
    }

    private static boolean isOrgEvents(Optional<List<String>> segments) {
        return segments.isPresent() && segments.get().size() == 3 && segments.get().get(0).equals("orgs")
                && segments.get().get(2).equals("events");
    }

    // If-None-Match may list several tags, and compares weakly: W/"x" matches "x"
    private static boolean matches(String ifNoneMatch, String etag) {
        String wanted = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private OrgEventFeed.Page eventsPage(HttpExchange exchange, String org) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        return orgEvents.page(org, intParam(query.get("page"), 1), intParam(query.get("per_page"),
                OrgEventFeed.DEFAULT_PER_PAGE));
    }

    private static int intParam(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Answers an org events request. One whose {@code If-None-Match} still matches gets a 304 before the rate
     * limit and faults: GitHub does not charge a conditional request that finds nothing new.
     */
    private void orgEvents(HttpExchange exchange, String org) throws IOException {
        OrgEventFeed.Page page = eventsPage(exchange, org);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (page.status() == 200 && ifNoneMatch != null && matches(ifNoneMatch, page.etag())) {
            counter.count("org_events_not_modified");
            rateHeaders(exchange, rateLimit.peek());
            exchange.getResponseHeaders().set("ETag", page.etag());
            exchange.getResponseHeaders().set("X-Poll-Interval", Integer.toString(pollIntervalSeconds));
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        Optional<RateLimitWindow.Snapshot> admitted = admitted(exchange);
        if (admitted.isEmpty()) {
            return;
        }
        RateLimitWindow.Snapshot rate = admitted.get();
        if (page.status() == 404) {
            notFound(exchange, rate);
            return;
        }
        if (page.status() == 422) {
            counter.count("org_events_refused");
            sendJson(exchange, 422, new ApiBodies.Error("In order to keep the API fast for everyone, pagination "
                    + "is limited for this resource.", DOCS, "422"), rate);
            return;
        }
        counter.count("org_events");
        exchange.getResponseHeaders().set("ETag", page.etag());
        exchange.getResponseHeaders().set("X-Poll-Interval", Integer.toString(pollIntervalSeconds));
        if (page.link() != null) {
            exchange.getResponseHeaders().set("Link", page.link());
        }
        sendBytes(exchange, 200, page.body(), rate, "core");
    }

    private void contents(HttpExchange exchange, String owner, String name, String path, String ref,
                          RateLimitWindow.Snapshot rate) throws IOException {
        Optional<Path> commitDir = ref == null ? Optional.empty() : repos.commitDir(owner, name, ref);
        Optional<Path> target = commitDir.flatMap(dir -> repos.entry(dir, path));
        if (target.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        Path file = target.get();
        String apiUrl = baseUrl + "/repos/" + owner + "/" + name + "/contents/" + path + "?ref=" + ref;
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            directoryListing(exchange, owner, name, ref, path, rate);
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            notFound(exchange, rate);
            return;
        }
        counter.count("contents");
        addCost(exchange, 1, 0);
        String sha = repos.blobSha(file);
        if (wantsRaw(exchange.getRequestHeaders().getFirst("Accept"))) {
            // GitHub tags a raw file with its blob id
            exchange.getResponseHeaders().set("ETag", "\"" + sha + "\"");
            sendFile(exchange, file, rate);
            return;
        }
        long size = Files.size(file);
        // above 1 MB GitHub leaves the JSON content empty and points to the raw media type
        boolean inline = size <= CONTENTS_JSON_MAX_BYTES;
        String content = inline ? githubBase64(Files.readAllBytes(file)) : "";
        sendJson(exchange, 200, new ApiBodies.ContentFile("file", inline ? "base64" : "none", size,
                file.getFileName().toString(), path, content, sha, apiUrl,
                baseUrl + "/repos/" + owner + "/" + name + "/git/blobs/" + sha), rate);
    }

    private void directoryListing(HttpExchange exchange, String owner, String name, String ref, String path,
                                  RateLimitWindow.Snapshot rate) throws IOException {
        Optional<CommitTree> tree = repos.tree(owner, name, ref);
        if (tree.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        String prefix = path.isEmpty() ? "" : path + "/";
        List<ApiBodies.ContentEntry> listing = new ArrayList<>();
        for (CommitTree.Entry e : tree.get().entries()) {
            if (e.path().startsWith(prefix) && e.path().indexOf('/', prefix.length()) < 0) {
                listing.add(new ApiBodies.ContentEntry(e.tree() ? "dir" : "file", e.size(), e.name(), e.path(),
                        e.sha(), baseUrl + "/repos/" + owner + "/" + name + "/contents/" + e.path() + "?ref=" + ref));
            }
        }
        if (listing.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        counter.count("contents");
        addCost(exchange, 0, listing.size());
        sendJson(exchange, 200, listing, rate);
    }

    private void tree(HttpExchange exchange, String owner, String name, String commit, boolean recursive,
                      RateLimitWindow.Snapshot rate) throws IOException {
        Optional<CommitTree> tree = repos.tree(owner, name, commit);
        if (tree.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        String repoUrl = baseUrl + "/repos/" + owner + "/" + name;
        List<ApiBodies.TreeItem> items = new ArrayList<>();
        boolean truncated = false;
        for (CommitTree.Entry e : tree.get().entries()) {
            if (!recursive && e.path().indexOf('/') >= 0) {
                continue;
            }
            if (items.size() == treeEntryCap) {
                truncated = true;
                break;
            }
            items.add(e.tree()
                    ? new ApiBodies.TreeItem(e.path(), "040000", "tree", e.sha(), null, repoUrl + "/git/trees/" + e.sha())
                    : new ApiBodies.TreeItem(e.path(), "100644", "blob", e.sha(), e.size(),
                            repoUrl + "/git/blobs/" + e.sha()));
        }
        counter.count("trees");
        addCost(exchange, 0, items.size());
        String rootSha = tree.get().rootSha();
        sendJson(exchange, 200, new ApiBodies.Tree(rootSha, repoUrl + "/git/trees/" + rootSha, items, truncated),
                rate);
    }

    private void compare(HttpExchange exchange, String owner, String name, String base, String head,
                         RateLimitWindow.Snapshot rate) throws IOException {
        Optional<CommitTree> before = repos.tree(owner, name, base);
        Optional<CommitTree> after = repos.tree(owner, name, head);
        if (before.isEmpty() || after.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        List<ApiBodies.CompareFile> files = CommitDiff.between(before.get(), after.get());
        counter.count("compare");
        addCost(exchange, files.size(), 0);
        boolean identical = files.isEmpty() && base.equals(head);
        sendJson(exchange, 200, new ApiBodies.Compare(identical ? "identical" : "ahead", identical ? 0 : 1, 0,
                identical ? 0 : 1, List.of(), files.subList(0, Math.min(files.size(), COMPARE_FILE_CAP)),
                files.size()), rate);
    }

    private void blob(HttpExchange exchange, String owner, String name, String sha, RateLimitWindow.Snapshot rate)
            throws IOException {
        Optional<Path> file = repos.blob(owner, name, sha.toLowerCase(Locale.ROOT));
        if (file.isEmpty()) {
            notFound(exchange, rate);
            return;
        }
        byte[] content = Files.readAllBytes(file.get());
        counter.count("blobs");
        addCost(exchange, 1, 0);
        sendJson(exchange, 200, new ApiBodies.Blob(sha, content.length,
                baseUrl + "/repos/" + owner + "/" + name + "/git/blobs/" + sha, githubBase64(content), "base64"), rate);
    }

    private void notFound(HttpExchange exchange, RateLimitWindow.Snapshot rate) throws IOException {
        counter.count("not_found");
        sendJson(exchange, 404, new ApiBodies.Error("Not Found", DOCS, "404"), rate);
    }

    static boolean wantsRaw(String accept) {
        if (accept == null) {
            return false;
        }
        for (String mediaType : accept.split(",")) {
            String type = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/vnd.github.raw") || type.startsWith("application/vnd.github.v3.raw")) {
                return true;
            }
        }
        return false;
    }

    /** Base64 as GitHub writes it in JSON: lines of 60 characters, each ended by a newline. */
    static String githubBase64(byte[] content) {
        if (content.length == 0) {
            return "";
        }
        return Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content) + "\n";
    }

    private void sendJson(HttpExchange exchange, int status, Object body, RateLimitWindow.Snapshot rate)
            throws IOException {
        sendJson(exchange, status, body, rate, "core");
    }

    private void sendJson(HttpExchange exchange, int status, Object body, RateLimitWindow.Snapshot rate,
                          String resource) throws IOException {
        sendBytes(exchange, status, json.writeValueAsBytes(body), rate, resource);
    }

    private void sendBytes(HttpExchange exchange, int status, byte[] bytes, RateLimitWindow.Snapshot rate,
                           String resource) throws IOException {
        if (!spendTime(exchange, bytes.length, rate, resource)) {
            return;
        }
        rateHeaders(exchange, rate);
        exchange.getResponseHeaders().set("x-ratelimit-resource", resource);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (charge.get().slowBody) {
                trickle(out, bytes);
            } else {
                writeChunked(out, bytes, 0, bytes.length);
            }
        }
    }

    private void sendFile(HttpExchange exchange, Path file, RateLimitWindow.Snapshot rate) throws IOException {
        if (!spendTime(exchange, Files.size(file), rate, "core")) {
            return;
        }
        rateHeaders(exchange, rate);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        long size = Files.size(file);
        // a zero length would mean chunked to HttpServer; -1 announces an empty body
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                if (charge.get().slowBody && size <= CONTENTS_JSON_MAX_BYTES) {
                    trickle(out, Files.readAllBytes(file));
                } else {
                    Files.copy(file, out);
                }
            }
        }
    }

    /** Adds to what this exchange's answer holds: objects (files, blobs, repositories) and tree entries. */
    private void addCost(HttpExchange exchange, long objects, long treeEntries) {
        Charge held = charge.get();
        held.objects += objects;
        held.treeEntries += treeEntries;
    }

    /**
     * With the cost model, waits as long as GitHub is modelled to take for an answer of {@code bytes}: the base
     * latency, the objects and tree entries it holds and its bytes. Past the time limit it waits the limit and answers
     * GitHub's timeout instead (502), counted as {@code timed_out}, and returns false. Once per exchange.
     */
    private boolean spendTime(HttpExchange exchange, long bytes, RateLimitWindow.Snapshot rate, String resource)
            throws IOException {
        Charge held = charge.get();
        if (cost == null || held.spent) {
            return true;
        }
        held.spent = true;
        java.time.Duration modelled = cost.modelled(faults.latency(), held.objects, held.treeEntries, bytes);
        boolean abandoned = modelled.compareTo(cost.timeLimit()) > 0;
        try {
            java.time.Duration wait = abandoned ? cost.timeLimit() : modelled;
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while modelling GitHub's time");
        }
        if (!abandoned) {
            return true;
        }
        counter.recount("timed_out");
        exchange.getResponseHeaders().remove("ETag");
        if ("graphql".equals(resource)) {
            com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode().putNull("data");
            body.putArray("errors").addObject().put("message", GRAPHQL_TIMEOUT_MESSAGE);
            sendBytes(exchange, 502, json.writeValueAsBytes(body), rate, resource);
        } else {
            sendJson(exchange, 502, new ApiBodies.Error(REST_TIMEOUT_MESSAGE, DOCS, "502"), rate, resource);
        }
        return false;
    }

    /**
     * With the cost model, GitHub's secondary limit in points per minute of {@code endpoint}: a read costs 1 point, a
     * write 5; past the limit a 403 with the secondary-limit message and the {@code retry-after} until the points
     * would be taken, counted as {@code points_limited}.
     */
    private boolean pointsAdmitted(HttpExchange exchange, String endpoint, boolean post,
            RateLimitWindow.Snapshot rate) throws IOException {
        if (cost == null) {
            return true;
        }
        boolean graphQl = endpoint.equals("graphql");
        // a GraphQL query is 1 point, a mutation 5; iocstream posts only queries to GraphQL
        int spent = post && !graphQl ? 5 : 1;
        PointsWindow.Admission admission = points.admit(endpoint, spent,
                graphQl ? cost.graphQlPointsPerMinute() : cost.restPointsPerMinute());
        if (admission.accepted()) {
            return true;
        }
        if (post) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
        refuseOverSecondaryLimit(exchange, "points_limited", admission.retryAfter(), rate);
        return false;
    }

    /** The REST endpoint a path is, for the per-endpoint limits: {@code repos/contents}, {@code repos/git/trees}, ... */
    private static String restEndpoint(List<String> segments) {
        if (segments.size() >= 4 && segments.get(0).equals("repos")) {
            return "repos/" + segments.get(3) + (segments.get(3).equals("git") && segments.size() >= 5
                    ? "/" + segments.get(4) : "");
        }
        return String.join("/", segments.subList(0, Math.min(2, segments.size())));
    }

    /** Half the body, a pause, the rest: a slow server that still answers correctly. */
    private static void trickle(OutputStream out, byte[] bytes) throws IOException {
        writeChunked(out, bytes, 0, bytes.length / 2);
        out.flush();
        try {
            Thread.sleep(SLOW_BODY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeChunked(out, bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    }

    /**
     * Writes in pieces: the JDK server copies each write into a per-connection buffer that grows to twice the
     * largest write and is kept for the connection's life, and the simulator shares the heap with the pipeline.
     */
    private static void writeChunked(OutputStream out, byte[] bytes, int offset, int length) throws IOException {
        for (int at = offset; at < offset + length; at += WRITE_CHUNK) {
            out.write(bytes, at, Math.min(WRITE_CHUNK, offset + length - at));
        }
    }

    /** Thrown to end an exchange with no answer at all. */
    private static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super(null, null, false, false);
        }
    }

    private void trySend(HttpExchange exchange, int status, Object body) {
        try {
            sendJson(exchange, status, body, rateLimit.peek());
        } catch (IOException | RuntimeException ignored) {
            // headers may already be out; the client sees a broken answer, which is the truth
        }
    }

    private static void rateHeaders(HttpExchange exchange, RateLimitWindow.Snapshot rate) {
        var headers = exchange.getResponseHeaders();
        headers.set("x-ratelimit-limit", Integer.toString(rate.limit()));
        headers.set("x-ratelimit-remaining", Integer.toString(rate.remaining()));
        headers.set("x-ratelimit-used", Integer.toString(rate.used()));
        headers.set("x-ratelimit-reset", Long.toString(rate.resetEpochSeconds()));
        headers.set("x-ratelimit-resource", "core");
    }

    private static List<String> rawSegments(String rawPath) {
        List<String> segments = new ArrayList<>(Arrays.asList(rawPath.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        // a trailing slash adds nothing on GitHub
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }

    /** Percent-decodes every segment; empty when one is malformed. A decoded %2F stays inside its segment. */
    private static Optional<List<String>> decodeAll(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        for (String segment : raw) {
            Optional<String> decoded = percentDecode(segment);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            out.add(decoded.get());
        }
        return Optional.of(out);
    }

    // URLDecoder would turn '+' into a space, which is wrong in a path
    static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}

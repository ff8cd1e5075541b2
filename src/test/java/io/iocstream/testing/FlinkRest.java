package io.iocstream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The calls of Flink's REST API that submit and follow a job, as {@code flink run} or an operator would make them
 * over HTTP: upload a jar, run it, read a job's state, cancel it. A failed call names the status and Flink's errors.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final List<String> ENDED = List.of("FAILED", "CANCELED", "FINISHED");

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    private final String base;
    private final Supplier<String> diagnostics;

    /** {@code diagnostics} adds what the cluster logged to a failure's message. */
    FlinkRest(String base, Supplier<String> diagnostics) {
        this.base = base;
        this.diagnostics = diagnostics;
    }

    /** TaskManagers registered with the JobManager; -1 while the REST endpoint does not answer yet. */
    public int taskManagers() {
        try {
            return get(new Request.Builder().url(base + "/overview").build()).path("taskmanagers").asInt();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The resource ids of the TaskManagers registered with the JobManager; none while it does not answer. */
    public List<String> taskManagerIds() {
        try {
            List<String> ids = new ArrayList<>();
            get(new Request.Builder().url(base + "/taskmanagers").build()).path("taskmanagers")
                    .forEach(taskManager -> ids.add(taskManager.path("id").asText()));
            return ids;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code POST /jars/upload}: returns the jar's id on the cluster. */
    public String upload(Path jar) throws IOException {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("jarfile", jar.getFileName().toString(),
                        RequestBody.create(jar.toFile(), MediaType.get("application/java-archive")))
                .build();
        String file = call(new Request.Builder().url(base + "/jars/upload").post(body).build()).path("filename")
                .asText();
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/ID/run}: runs {@code entryClass}'s main with {@code args} on the cluster; returns the job id.
     * The parallelism is given because the REST API does not take the cluster's parallelism.default (it runs at 1).
     */
    public String run(String jarId, String entryClass, List<String> args, int parallelism) throws IOException {
        byte[] request = JSON.writeValueAsBytes(Map.of("entryClass", entryClass, "programArgsList", args,
                "parallelism", parallelism));
        return call(new Request.Builder().url(base + "/jars/" + jarId + "/run")
                .post(RequestBody.create(request, JSON_TYPE)).build()).path("jobid").asText();
    }

    /** The job's state: RUNNING, FAILED, CANCELED, ... */
    public String state(String jobId) throws IOException {
        return call(new Request.Builder().url(base + "/jobs/" + jobId).build()).path("state").asText();
    }

    /** The highest parallelism among the job's vertices. */
    public int parallelism(String jobId) throws IOException {
        int highest = 0;
        for (JsonNode vertex : call(new Request.Builder().url(base + "/jobs/" + jobId).build()).path("vertices")) {
            highest = Math.max(highest, vertex.path("parallelism").asInt());
        }
        return highest;
    }

    /**
     * What {@code /jobs/ID/checkpoints} says of a job: how many checkpoints completed and how many times it restored
     * one, the latest completed checkpoint's id and when it was triggered (epoch milliseconds, 0 for none), the
     * latest restored checkpoint's id (-1 for none).
     */
    public record Checkpoints(long completed, long restores, long latestCompleted, long latestCompletedTriggeredAt,
            long latestRestored) {

        /** True once a checkpoint has completed since the latest restore (or at all, without a restore). */
        public boolean completedSinceRestore() {
            return completed > 0 && latestCompleted > latestRestored;
        }
    }

    public Checkpoints checkpoints(String jobId) throws IOException {
        JsonNode stats = call(new Request.Builder().url(base + "/jobs/" + jobId + "/checkpoints").build());
        JsonNode completed = stats.path("latest").path("completed");
        JsonNode restored = stats.path("latest").path("restored");
        return new Checkpoints(stats.path("counts").path("completed").asLong(),
                stats.path("counts").path("restored").asLong(), completed.path("id").asLong(-1),
                completed.path("trigger_timestamp").asLong(0), restored.path("id").asLong(-1));
    }

    /** True when the job is RUNNING and so is every task of it (or finished, as a bounded source does). */
    public boolean allTasksRunning(String jobId) throws IOException {
        JsonNode job = call(new Request.Builder().url(base + "/jobs/" + jobId).build());
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode tasks = vertex.path("tasks");
            if (tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt() != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** The job's root exception, if it has failed or restarted. */
    public String rootException(String jobId) throws IOException {
        return call(new Request.Builder().url(base + "/jobs/" + jobId + "/exceptions").build())
                .path("exceptionHistory").path("entries").path(0).path("stacktrace").asText("none");
    }

    /** {@code PATCH /jobs/ID?mode=cancel}, then waits until the job is CANCELED; a job already ended is left. */
    public void cancel(String jobId, Duration timeout) throws IOException, InterruptedException {
        if (ENDED.contains(state(jobId))) {
            return;
        }
        call(new Request.Builder().url(base + "/jobs/" + jobId + "?mode=cancel")
                .patch(RequestBody.create(new byte[0], JSON_TYPE)).build());
        awaitState(jobId, "CANCELED", timeout);
    }

    /** Waits until the job is in {@code state}; fails at once if it ends in another. */
    public void awaitState(String jobId, String state, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String now = state(jobId);
        while (!now.equals(state)) {
            if (ENDED.contains(now) || System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " is " + now + ", not " + state + "; root exception: "
                        + rootException(jobId) + diagnostics.get());
            }
            Thread.sleep(200);
            now = state(jobId);
        }
    }

    /** Makes the call; a failure's message says what the cluster logged last. */
    private JsonNode call(Request request) throws IOException {
        try {
            return get(request);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + diagnostics.get(), e);
        }
    }

    private JsonNode get(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(request.method() + " " + request.url().encodedPath() + ": HTTP " + response.code()
                        + " " + body);
            }
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }
}

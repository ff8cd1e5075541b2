package io.iocstream.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP request each receiver documents for an alert:
 * <ul>
 *   <li>PagerDuty Events API v2: {@code POST /v2/enqueue} with {@code routing_key}, {@code event_action}
 *       ({@code trigger} or {@code resolve}), {@code dedup_key} and, to trigger, a {@code payload} of
 *       {@code summary}, {@code source}, {@code severity} (critical, error, warning, info) and details;</li>
 *   <li>Opsgenie Alert API: {@code POST /v2/alerts} with {@code message}, {@code alias}, {@code description},
 *       {@code priority} and {@code details}, and {@code POST /v2/alerts/ALIAS/close?identifierType=alias} to close;
 *       {@code Authorization: GenieKey KEY};</li>
 *   <li>Slack incoming webhooks: {@code text} and Block Kit {@code blocks}; Slack keeps no key, so the key is shown
 *       in the message's context line;</li>
 *   <li>a generic webhook: the finding record itself (a group or summary: an object of {@code dedup_key},
 *       {@code kind}, {@code event}, {@code count} and {@code findings}, the records), the key in
 *       {@code Idempotency-Key}, {@code trigger} or {@code resolve} in {@code X-Iocstream-Event}.</li>
 * </ul>
 */
public final class AlertRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json; charset=utf-8");
    private static final String USER_AGENT = "iocstream";

    private AlertRequests() {}

    /** The request that delivers {@code alert} to {@code receiver}, whose endpoint is {@code url}. */
    public static Request of(Alert alert, ReceiverType type, String url, String secret, String webBaseUrl) {
        AlertContent content = AlertContent.of(alert, webBaseUrl);
        return switch (type) {
            case PAGERDUTY -> post(url, pagerDuty(alert, content, secret)).build();
            case OPSGENIE -> opsgenie(alert, content, url, secret);
            case SLACK -> post(url, slack(alert, content)).build();
            case WEBHOOK -> webhook(alert, url, secret);
        };
    }

    static ObjectNode pagerDuty(Alert alert, AlertContent content, String routingKey) {
        ObjectNode body = JSON.createObjectNode();
        body.put("routing_key", routingKey);
        body.put("event_action", alert.resolve() ? "resolve" : "trigger");
        body.put("dedup_key", alert.dedupKey());
        if (alert.resolve()) {
            return body;
        }
        body.put("client", "iocstream");
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", cut(content.title(), 1024));
        payload.put("source", content.source() == null ? "iocstream" : content.source());
        payload.put("severity", switch (content.severity()) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        });
        if (content.timestamp() != null) {
            payload.put("timestamp", content.timestamp());
        }
        if (content.path() != null) {
            payload.put("component", content.path());
        }
        if (content.repo() != null) {
            payload.put("group", content.repo());
        }
        if (content.kind() != null) {
            payload.put("class", content.kind());
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("description", content.text());
        content.details().forEach(details::put);
        if (content.link() != null) {
            body.putArray("links").addObject().put("href", content.link()).put("text", "the file at the commit");
        }
        return body;
    }

    private static Request opsgenie(Alert alert, AlertContent content, String baseUrl, String apiKey) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        ObjectNode body = JSON.createObjectNode();
        String url;
        if (alert.resolve()) {
            url = base + "/v2/alerts/" + URLEncoder.encode(alert.dedupKey(), StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/close?identifierType=alias";
            body.put("source", "iocstream");
            body.put("note", cut(content.title() + "\n" + content.text(), 25000));
        } else {
            url = base + "/v2/alerts";
            body.put("message", cut(content.title(), 130));
            body.put("alias", alert.dedupKey());
            body.put("description", cut(content.text(), 15000));
            body.put("priority", switch (content.severity()) {
                case CRITICAL -> "P1";
                case HIGH -> "P2";
                case MEDIUM -> "P3";
                case LOW -> "P4";
            });
            body.put("source", "iocstream");
            if (content.repo() != null) {
                body.put("entity", cut(content.repo(), 512));
            }
            ArrayNode tags = body.putArray("tags").add("iocstream").add(content.severity().wire());
            if (content.kind() != null) {
                tags.add(content.kind());
            }
            ObjectNode details = body.putObject("details");
            content.details().forEach((key, value) -> details.put(key, cut(value, 8000)));
        }
        return post(url, body).header("Authorization", "GenieKey " + apiKey).build();
    }

    static ObjectNode slack(Alert alert, AlertContent content) {
        ObjectNode body = JSON.createObjectNode();
        String title = cut(content.title(), 150);
        body.put("text", content.title() + (content.link() == null ? "" : " " + content.link()));
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", title);
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", cut(escape(content.text()), 3000));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", cut(escape("iocstream " + (alert.resolve() ? "resolve" : "trigger") + ", key "
                        + alert.dedupKey()), 3000));
        return body;
    }

    private static Request webhook(Alert alert, String url, String token) {
        String body;
        if (alert.kind() == AlertKind.FINDING) {
            body = alert.findings().get(0);
        } else {
            ObjectNode group = JSON.createObjectNode();
            group.put("dedup_key", alert.dedupKey());
            group.put("kind", alert.kind().name().toLowerCase(Locale.ROOT));
            group.put("event", alert.resolve() ? "resolve" : "trigger");
            group.put("route", alert.route());
            group.put("count", alert.count());
            ArrayNode findings = group.putArray("findings");
            alert.findings().forEach(json -> findings.add(AlertContent.parse(json)));
            body = group.toString();
        }
        Request.Builder request = new Request.Builder().url(HttpUrl.get(url)).header("User-Agent", USER_AGENT)
                .header("Idempotency-Key", alert.dedupKey())
                .header("X-Iocstream-Event", alert.resolve() ? "resolve" : "trigger")
                .post(RequestBody.create(body, APPLICATION_JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static Request.Builder post(String url, ObjectNode body) {
        return new Request.Builder().url(HttpUrl.get(url)).header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body.toString(), APPLICATION_JSON));
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

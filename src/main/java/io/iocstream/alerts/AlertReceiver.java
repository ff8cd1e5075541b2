package io.iocstream.alerts;

import java.io.Serializable;

/**
 * One configured receiver: its type, its endpoint ({@code url}; Slack's comes from the secret) and where its secret
 * is, never the secret itself: the name of an environment variable or the path of a mounted file, read on the task
 * managers ({@link AlertSecrets}). The secret is PagerDuty's routing key, Opsgenie's API key, Slack's webhook URL or
 * a generic webhook's bearer token (optional there).
 */
public record AlertReceiver(String name, ReceiverType type, String url, String secretEnv, String secretFile)
        implements Serializable {}

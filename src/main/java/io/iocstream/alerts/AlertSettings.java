package io.iocstream.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job's alerting: routes, the receivers they name, the GitHub web base for links to the offending file, how long
 * retro-hunt findings of one IOC are gathered into one alert, and how deliveries are retried. Checked by the job's
 * configuration ({@code sinks.alerts}, docs/configuration.md) before it gets here.
 */
public record AlertSettings(List<AlertRoute> routes, List<AlertReceiver> receivers, String webBaseUrl,
        Duration retroHuntWindow, DeliveryRetry retry, int maxInFlight) implements Serializable {

    public static final String DEFAULT_WEB_BASE_URL = "https://github.com";
    /** Long enough for every matcher subtask to finish its pass over its inventories, short enough to page soon. */
    public static final Duration DEFAULT_RETRO_HUNT_WINDOW = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    public AlertSettings {
        routes = List.copyOf(routes);
        receivers = List.copyOf(receivers);
    }

    public Map<String, AlertRoute> routesByName() {
        return routes.stream().collect(Collectors.toMap(AlertRoute::name, Function.identity()));
    }

    public Map<String, AlertReceiver> receiversByName() {
        return receivers.stream().collect(Collectors.toMap(AlertReceiver::name, Function.identity()));
    }
}

package io.iocstream.alerts;

/**
 * A finding on its way to one route: the route's name (the key of the planner's state), the facts the planner
 * decides on, and the finding's JSON record, from which the alert is written.
 */
public record RoutedFinding(String route, String findingId, boolean open, String trigger, String iocKey,
        String json) {}

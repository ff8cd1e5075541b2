package io.iocstream.github;

import java.util.List;

/**
 * One page of a hook's deliveries, newest first.
 *
 * @param nextUrl the {@code Link rel="next"} URL (a cursor) of the following page, or null on the last page
 */
public record HookDeliveriesPage(List<HookDelivery> deliveries, String nextUrl) {

    public HookDeliveriesPage {
        deliveries = List.copyOf(deliveries);
    }
}

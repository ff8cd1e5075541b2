package io.iocstream.github;

import java.util.List;

/**
 * One page of an organisation's or an App installation's repositories.
 *
 * @param nextUrl the {@code Link rel="next"} URL of the following page, or null on the last page
 */
public record RepositoriesPage(List<ListedRepository> repositories, String nextUrl) {

    public RepositoriesPage {
        repositories = List.copyOf(repositories);
    }
}

package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The PromQL reading that {@link MetricsDashboardIT} relies on: it finds the metrics an expression selects and
 * nothing else, and every query of the shipped dashboard selects at least one.
 */
class DashboardQueriesTest {

    @Test
    void labelsGroupingsFunctionsRangesAndVariablesAreNoMetrics() {
        assertThat(DashboardQueries.metricNames("sum by (status, severity) (increase(flink_a_findings"
                + "{job_name=~\"$job_name\", quantile=\"0.95\"}[1h]))")).containsExactly("flink_a_findings");
        assertThat(DashboardQueries.metricNames("sum by (tm_id) (rate(flink_a[$__rate_interval])) / 1000 "
                + "+ on (tm_id) group_left max(flink_b) offset 5m")).containsExactly("flink_a", "flink_b");
        assertThat(DashboardQueries.metricNames("label_values(flink_jobmanager_job_uptime, job_name)"))
                .containsExactly("flink_jobmanager_job_uptime");
        assertThat(DashboardQueries.metricNames("max(flink_a) without (host) > bool 2e3"))
                .containsExactly("flink_a");
    }

    @Test
    void everyQueryOfTheDashboardSelectsAMetric() throws Exception {
        assertThat(DashboardQueries.expressions(MetricsDashboardIT.DASHBOARD)).hasSizeGreaterThan(10)
                .allSatisfy(expression -> assertThat(DashboardQueries.metricNames(expression))
                        .as(expression).isNotEmpty());
    }

    @Test
    void aScrapeNamesItsSamplesOnce() {
        String exposition = """
                # HELP flink_a_fetchLatencyMs fetchLatencyMs (scope: a)
                # TYPE flink_a_fetchLatencyMs summary
                flink_a_fetchLatencyMs{host="h",quantile="0.5",} 12.0
                flink_a_fetchLatencyMs_count{host="h",} 3.0
                flink_b 1.0
                """;
        assertThat(DashboardQueries.exportedNames(exposition))
                .containsExactly("flink_a_fetchLatencyMs", "flink_a_fetchLatencyMs_count", "flink_b");
    }
}

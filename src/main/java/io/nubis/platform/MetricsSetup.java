package io.nubis.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Metrics settings shared by every feature (issue 13): API and page latency ({@code http_server_requests_seconds}, per
 * method, route template and status, from Quarkus's HTTP binder) is a histogram with buckets from 5 ms to 30 s, so
 * p50/p99 per route can be computed in Prometheus ({@code histogram_quantile}).
 */
@Singleton
public class MetricsSetup {

    private static final double[] HTTP_SLO = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);

    @Produces
    @Singleton
    MeterFilter httpHistograms() {
        return new MeterFilter() {

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(HTTP_SLO).build()
                            .merge(config);
                }
                return config;
            }
        };
    }

    private static double[] seconds(double... s) {
        double[] nanos = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            nanos[i] = s[i] * 1e9; // a timer's buckets are in nanoseconds
        }
        return nanos;
    }
}

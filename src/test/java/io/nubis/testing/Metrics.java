package io.nubis.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server's Prometheus metrics ({@code /q/metrics}) in tests. */
public final class Metrics {

    private Metrics() {
    }

    public static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@link #value(String, String, String)} on a fresh scrape. */
    public static double value(String name, String labels) {
        return value(scrape(), name, labels);
    }

    /**
     * The value of the series {@code name} whose labels include every one of {@code labels} (comma-separated
     * {@code k="v"}, any order; no commas inside values), or 0 when there is none; several matching series are summed.
     */
    public static double value(String text, String name, String labels) {
        List<String> wanted = List.of(labels.split(","));
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (List.of(m.group(1).split(",")).containsAll(wanted)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}

package io.nubis.platform.web;

/** One entry of a select box: the submitted value and the text shown. */
public record Option(String value, String label) {
}

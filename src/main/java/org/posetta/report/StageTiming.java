package org.posetta.report;

/**
 * How long one stage of a run took.
 *
 * @param stage   the stage's name, e.g. {@code blazepose}
 * @param seconds wall-clock seconds
 * @param note    what the stage did or why it was skipped, one line
 */
public record StageTiming(String stage, double seconds, String note) {
}

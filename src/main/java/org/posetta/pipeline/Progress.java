package org.posetta.pipeline;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports the progress of long stages: a progress bar on a terminal, plain log lines (one per
 * tenth of the work) otherwise.
 */
public abstract class Progress {
    /** One stage under way; {@link #accept} takes the amount of work done so far. */
    public interface Stage extends IntConsumer, AutoCloseable {
        @Override
        void close();
    }

    /** Progress bars on the terminal where one is attached, else log lines on {@code out}. */
    public static Progress to(PrintWriter out) {
        return System.console() != null ? new Bars(System.err) : new Lines(out);
    }

    /** Starts a stage of {@code total} units of work (-1 when unknown). */
    public abstract Stage start(String name, long total);

    /** One line of information. */
    public abstract void log(String line);

    private static final class Lines extends Progress {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public Stage start(String name, long total) {
            out.println(name + " ...");
            return new Stage() {
                private long nextTenth = 1;
                private int last;

                @Override
                public void accept(int done) {
                    last = done;
                    if (total > 0 && done * 10L >= nextTenth * total && nextTenth < 10) {
                        out.println(name + ": " + done + " of " + total + " (" + nextTenth * 10 + " %)");
                        nextTenth = done * 10L / total + 1;
                        out.flush();
                    }
                }

                @Override
                public void close() {
                    out.println(name + ": done" + (last > 0 ? " (" + last + ")" : ""));
                    out.flush();
                }
            };
        }

        @Override
        public void log(String line) {
            out.println(line);
            out.flush();
        }
    }

    private static final class Bars extends Progress {
        private final PrintStream out;

        Bars(PrintStream out) {
            this.out = out;
        }

        @Override
        public Stage start(String name, long total) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(200).build();
            return new Stage() {
                @Override
                public void accept(int done) {
                    bar.stepTo(done);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }

        @Override
        public void log(String line) {
            out.println(line);
        }
    }
}

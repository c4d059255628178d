package org.posetta.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.adapt.semantic.Labels;
import org.posetta.geometry.Camera;
import org.posetta.io.AtomicOutput;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.report.ReportPage;
import org.posetta.report.RunReport;
import org.posetta.report.SkeletonVideo;
import org.posetta.report.StageTiming;
import org.posetta.video.PersonChoice;
import org.posetta.video.PoseTrack;
import org.posetta.video.PoseTracker;
import org.posetta.video.VideoInfo;
import org.posetta.video.VideoSource;

/**
 * {@code posetta run}: a video all the way to adapted 3D, files and a report. Stages: BlazePose
 * 2D and world 3D of one followed person (its world landmarks, mapped to H36M-17, are kept as a
 * second per-frame 3D); the {@link Adaptation} stages (per-frame lifter, then the selected
 * adapters: {@code semantic} and {@code refine} in a chain, {@code lift} beside it); then the
 * outputs. Everything is written into a hidden folder
 * next to the output folder and moved into place at the end, so a failure leaves no partial
 * results.
 */
public final class VideoPipeline {
    /**
     * What to run.
     *
     * @param video        the video file
     * @param out          the output folder
     * @param maxFrames    frames to read from the start, all when ≤ 0
     * @param allowPartial process the readable frames of a damaged video instead of failing
     * @param person       which person to follow
     * @param focal        focal length in pixels, or ≤ 0 for √(w² + h²)
     * @param threads      TensorFlow Lite threads
     * @param writeVideo   also write the skeleton video
     * @param formats      more formats of the adapted 3D besides npz and JSON (e.g. {@code bvh}, {@code trc})
     * @param adaptation   the adapters to run and their settings
     * @param labels       a label file for {@code semantic} ({@link Labels#read}), read against the
     *                     decoded frames; {@code null} for the labels of {@code adaptation}
     * @param command      the provenance step of the command that asked for the run, appended to
     *                     every output's steps (empty for none)
     */
    public record Options(Path video, Path out, int maxFrames, boolean allowPartial, PersonChoice person, double focal,
            int threads, boolean writeVideo, List<String> formats, Adaptation.Options adaptation, Path labels,
            Map<String, Object> command) {
        public Options {
            formats = List.copyOf(formats);
            command = Collections.unmodifiableMap(new LinkedHashMap<>(command));
        }
    }

    /**
     * What a run produced.
     *
     * @param files      the files written into the output folder, by name
     * @param timings    stage timings
     * @param summary    the headline figures also written to {@code run.json}
     */
    public record Result(List<String> files, List<StageTiming> timings, Map<String, Object> summary) {
    }

    private VideoPipeline() {
    }

    public static Result run(Options o, Progress progress) {
        return AtomicOutput.folder(o.out(), dir -> runInto(o, dir, progress));
    }

    private static Result runInto(Options o, Path dir, Progress progress) {
        List<StageTiming> timings = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        PoseTrack track;
        long t0 = System.nanoTime();
        try (VideoSource source = VideoSource.open(o.video(), o.maxFrames());
                PoseTracker tracker = new PoseTracker(o.person(), o.threads())) {
            VideoInfo info = source.info();
            long total = o.maxFrames() > 0 && info.declaredFrames() > 0 ? Math.min(o.maxFrames(), info.declaredFrames())
                    : o.maxFrames() > 0 ? o.maxFrames() : info.declaredFrames();
            try (Progress.Stage stage = progress.start("BlazePose", total)) {
                track = tracker.track(source, stage);
            }
        }
        VideoInfo info = track.info();
        if (track.frames() == 0) {
            throw new PosettaException("No frame of " + o.video() + " could be decoded: check that the file is a complete video.");
        }
        if (track.damage() != null && !o.allowPartial()) {
            throw new PosettaException(o.video() + " is damaged or truncated (" + track.damage()
                    + "): copy or re-encode it again, or pass --allow-partial to process the readable frames.");
        }
        if (track.foundFraction() == 0) {
            throw new PosettaException("No person was found in any of the " + track.frames() + " frames of " + o.video()
                    + ": give a video in which one person is visible.");
        }
        double blazeSeconds = seconds(t0);
        timings.add(new StageTiming("blazepose", blazeSeconds, String.format("%d frames, %.1f ms per frame, %s decoding",
                track.frames(), 1000 * blazeSeconds / track.frames(), info.decoder())));
        if (track.damage() != null) {
            progress.log("warning: " + o.video() + " is damaged (" + track.damage() + "); processed the "
                    + track.frames() + " readable frames");
            summary.put("damage", track.damage());
        }
        Camera camera = o.focal() > 0
                ? new Camera("given", info.width(), info.height(), new double[] {o.focal(), o.focal()},
                        new double[] {info.width() / 2.0, info.height() / 2.0}, new double[3], new double[2],
                        new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3])
                : Camera.defaultFor(info.width(), info.height());
        Map<String, Object> cameraJson = Map.of("focal_px", camera.focal()[0], "principal_point_px",
                List.of(camera.principalPoint()[0], camera.principalPoint()[1]), "source", o.focal() > 0 ? "given" : "sqrt(w^2+h^2)");
        List<String> files = new ArrayList<>();
        Keypoints2d keypoints = track.keypoints().withProvenance(track.keypoints().provenance().with("camera", cameraJson));
        write(o, dir, "keypoints2d", PoseFile.of("npz", "keypoints2d", keypoints), files);

        long t1 = System.nanoTime();
        Motion3d blazePose = JointMap.toCanonical(Layout.BLAZEPOSE33).apply(track.world());
        timings.add(new StageTiming("BlazePose 3D", seconds(t1), "BlazePose world landmarks mapped to H36M-17"));
        write(o, dir, "3d-blazepose", PoseFile.of("npz", "3d-blazepose", blazePose), files);

        Adaptation.Options toRun = o.labels() == null ? o.adaptation()
                : o.adaptation().withLabels(Labels.read(o.labels(), track.frames()));
        Adaptation.Result adaptation = Adaptation.run(keypoints, camera, toRun, progress);
        timings.addAll(adaptation.timings());
        Motion3d first = adaptation.perFrame();
        Motion3d adapted = adaptation.adapted();
        write(o, dir, "3d-per-frame", PoseFile.of("npz", "3d-per-frame", first), files);
        if (adaptation.lifted() != null) {
            write(o, dir, "3d-lift", PoseFile.of("npz", "3d-lift", adaptation.lifted()), files);
        }
        write(o, dir, "3d-adapted", PoseFile.of("npz", "3d-adapted", adapted), files);

        summary.put("video", o.video().toString());
        summary.put("frames", track.frames());
        summary.put("fps", info.fps());
        summary.put("size", info.width() + "x" + info.height());
        summary.put("person", o.person().toString());
        summary.put("found_fraction", track.foundFraction());
        summary.put("camera", cameraJson);
        summary.put("stages_run", adaptation.ran());
        summary.put("adapters_not_run", adaptation.notRun());
        if (adaptation.labels() != null) {
            summary.put("semantic_labels", adaptation.labels().distinct());
        }
        if (adaptation.lifted() != null) {
            summary.put("lift_mean_uncertainty_mm", 1000 * adaptation.meanLiftUncertainty());
        }
        summary.put("bone_length_cv_before", MotionStats.boneLengthVariation(first));
        summary.put("bone_length_cv_after", MotionStats.boneLengthVariation(adapted));
        summary.put("mean_acceleration_before_m_per_frame2", MotionStats.meanAcceleration(first));
        summary.put("mean_acceleration_after_m_per_frame2", MotionStats.meanAcceleration(adapted));

        RunReport report = new RunReport(info, keypoints, first, adapted, adaptation.losses(), timings, summary);
        if (o.writeVideo()) {
            long t3 = System.nanoTime();
            String name;
            try (VideoSource again = VideoSource.open(o.video(), track.frames());
                    Progress.Stage stage = progress.start("skeleton video", track.frames())) {
                name = SkeletonVideo.write(report, again, dir.resolve("skeleton"), stage);
            }
            files.add(name);
            timings.add(new StageTiming("skeleton video", seconds(t3), name));
        }
        long t4 = System.nanoTime();
        timings.add(new StageTiming("report", 0, "report.html"));
        ReportPage.write(new RunReport(info, keypoints, first, adapted, report.losses(), timings, summary),
                dir.resolve("report.html"));
        timings.set(timings.size() - 1, new StageTiming("report", seconds(t4), "report.html"));
        files.add("report.html");

        Map<String, Object> json = new LinkedHashMap<>(summary);
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageTiming s : timings) {
            stages.add(Map.of("stage", s.stage(), "seconds", s.seconds(), "note", s.note()));
        }
        json.put("stages", stages);
        json.put("files", new ArrayList<>(files));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("run.json").toFile(), json);
        } catch (IOException e) {
            throw new PosettaException("Cannot write run.json into " + dir + " (" + e.getMessage() + "): choose a writable location with free space.", e);
        }
        files.add("run.json");
        return new Result(files, timings, summary);
    }

    /** {@code NAME.npz} and {@code NAME.json}, and for the adapted 3D the formats asked for. */
    private static void write(Options o, Path dir, String name, PoseFile data, List<String> files) {
        PoseFile stamped = o.command().isEmpty() ? data : data.withStep(o.command());
        List<String> formats = new ArrayList<>(List.of("npz", "json"));
        if (name.equals("3d-adapted")) {
            o.formats().forEach(f -> formats.add(f.toLowerCase(Locale.ROOT)));
        }
        for (String f : formats) {
            Formats.write(stamped, dir.resolve(name + "." + f), f);
            files.add(name + "." + f);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

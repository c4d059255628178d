package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * How well the motion-text space retrieves a clip's label: for each clip, the candidate
 * sentences ranked by cos(z, t_k); top-1 and top-5 accuracy, the confusion matrix and the
 * distribution of cos(z, t_true). Candidates are the sentences of the clips' own dataset
 * (15 for Human3.6M), so chance is 1/K. Also calibrates τ (methods §8.2): the cosine that 90 %
 * of the correctly retrieved calibration clips reach.
 */
final class RetrievalEvaluation {
    private static final int BATCH = 256;
    private static final double TAU_COVERAGE = 0.9;

    private final MotionEncoder encoder;
    private final NDManager manager;
    private final float[] text;
    private final List<String> sentences;

    RetrievalEvaluation(MotionEncoder encoder, NDManager manager, float[] text, List<String> sentences) {
        this.encoder = encoder;
        this.manager = manager;
        this.text = text;
        this.sentences = sentences;
    }

    /** Retrieval figures for each named group of sources, and τ from the calibration sources. */
    Map<String, Object> report(Map<String, List<MotionTextTraining.Source>> groups, List<MotionTextTraining.Source> calibration,
            Consumer<String> log) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<MotionTextTraining.Source>> g : groups.entrySet()) {
            Map<String, Object> r = retrieval(g.getValue(), null);
            log.accept(String.format("retrieval %s: top-1 %.1f %%, top-5 %.1f %% over %s clips, %s candidates", g.getKey(),
                    r.get("top1"), r.get("top5"), r.get("clips"), r.get("candidates")));
            out.put("retrieval_" + g.getKey(), r);
        }
        List<Double> correct = new ArrayList<>();
        Map<String, Object> c = retrieval(calibration, correct);
        double tau = correct.isEmpty() ? Double.NaN : quantile(correct, 1 - TAU_COVERAGE);
        log.accept(String.format("tau %.3f: %d of %s calibration clips retrieved correctly", tau, correct.size(), c.get("clips")));
        out.put("tau", tau);
        out.put("tau_rule", "the cosine to the true sentence that 90 % of the correctly retrieved (top-1) clips reach, over "
                + c.get("clips") + " lifted clips of the training subjects (retrieval there: top-1 " + c.get("top1") + " %)");
        return out;
    }

    /** @param correctCosines when not null, receives cos(z, t_true) of every clip retrieved correctly */
    private Map<String, Object> retrieval(List<MotionTextTraining.Source> sources, List<Double> correctCosines) {
        TreeSet<Integer> labelSet = new TreeSet<>();
        List<float[]> clips = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (MotionTextTraining.Source s : sources) {
            labelSet.add(s.label());
            for (float[] clip : MotionTextTraining.evaluationClips(s)) {
                clips.add(clip);
                labels.add(s.label());
            }
        }
        int[] candidates = labelSet.stream().mapToInt(Integer::intValue).toArray();
        int k = candidates.length;
        int[][] confusion = new int[k][k];
        int top1 = 0;
        int top5 = 0;
        int[] histogram = new int[10];
        float[] z = embed(clips);
        for (int i = 0; i < clips.size(); i++) {
            double[] cos = new double[k];
            int truth = Arrays.binarySearch(candidates, labels.get(i));
            for (int a = 0; a < k; a++) {
                cos[a] = dot(z, i, candidates[a]);
            }
            int rank = 0;
            int best = 0;
            for (int a = 0; a < k; a++) {
                if (cos[a] > cos[truth]) {
                    rank++;
                }
                if (cos[a] > cos[best]) {
                    best = a;
                }
            }
            confusion[truth][best]++;
            top1 += rank == 0 ? 1 : 0;
            top5 += rank < 5 ? 1 : 0;
            histogram[Math.max(0, Math.min(9, (int) Math.floor((cos[truth] + 1) / 0.2)))]++;
            if (rank == 0 && correctCosines != null) {
                correctCosines.add(cos[truth]);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        int n = Math.max(1, clips.size());
        r.put("clips", clips.size());
        r.put("candidates", k);
        r.put("top1", Math.round(1000.0 * top1 / n) / 10.0);
        r.put("top5", Math.round(1000.0 * top5 / n) / 10.0);
        List<String> names = new ArrayList<>();
        for (int a : candidates) {
            names.add(sentences.get(a));
        }
        r.put("labels", names);
        r.put("confusion", confusion);
        r.put("cosine_to_true_histogram", Map.of("bins", "[-1, -0.8), … [0.8, 1]", "counts", histogram));
        return r;
    }

    private float[] embed(List<float[]> clips) {
        int per = ClipTiming.FRAMES * 17 * 3;
        float[] out = new float[clips.size() * TextEncoder.DIMENSION];
        for (int from = 0; from < clips.size(); from += BATCH) {
            int n = Math.min(BATCH, clips.size() - from);
            float[] x = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(clips.get(from + i), 0, x, i * per, per);
            }
            try (NDManager m = manager.newSubManager()) {
                NDArray z = encoder.forward(m.create(x, new Shape(n, ClipTiming.FRAMES, 17, 3)), false);
                System.arraycopy(z.toFloatArray(), 0, out, from * TextEncoder.DIMENSION, n * TextEncoder.DIMENSION);
            }
        }
        return out;
    }

    private double dot(float[] z, int clip, int sentence) {
        double s = 0;
        for (int d = 0; d < TextEncoder.DIMENSION; d++) {
            s += z[clip * TextEncoder.DIMENSION + d] * text[sentence * TextEncoder.DIMENSION + d];
        }
        return s;
    }

    private static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[(int) Math.floor(q * (v.length - 1))];
    }
}

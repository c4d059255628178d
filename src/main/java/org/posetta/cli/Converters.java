package org.posetta.cli;

import java.util.Locale;
import org.posetta.adapt.refine.PriorLoss;
import org.posetta.metrics.JointSet;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;
import org.posetta.simulate.LimbGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values that name a posetta concept; a bad value is a usage error (exit 2). */
final class Converters {
    private Converters() {
    }

    static final class LayoutConverter implements ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            try {
                return Layout.byId(value);
            } catch (PosettaException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LimbGroupConverter implements ITypeConverter<LimbGroup> {
        @Override
        public LimbGroup convert(String value) {
            try {
                return LimbGroup.parse(value);
            } catch (PosettaException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 17} or {@code 14} joints. */
    static final class JointSetConverter implements ITypeConverter<JointSet> {
        @Override
        public JointSet convert(String value) {
            try {
                return JointSet.parse(value);
            } catch (PosettaException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** STRIDE's four loss weights, {@code P,N,V,L}. */
    static final class LossWeightsConverter implements ITypeConverter<PriorLoss.Weights> {
        @Override
        public PriorLoss.Weights convert(String value) {
            try {
                return PriorLoss.Weights.parse(value);
            } catch (PosettaException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A positive, finite number, e.g. a frame rate. */
    static final class PositiveConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double v = Double.parseDouble(value);
                if (v > 0 && !Double.isInfinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new TypeConversionException("'" + value + "' is not a positive number.");
        }
    }

    /** An image size in pixels. */
    record ImageSize(int width, int height) {
    }

    /** {@code WxH} in pixels, e.g. {@code 1000x1002}. */
    static final class ImageSizeConverter implements ITypeConverter<ImageSize> {
        @Override
        public ImageSize convert(String value) {
            String[] parts = value.toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    int w = Integer.parseInt(parts[0].trim());
                    int h = Integer.parseInt(parts[1].trim());
                    if (w > 0 && h > 0) {
                        return new ImageSize(w, h);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new TypeConversionException("'" + value + "' is not an image size: write it as WIDTHxHEIGHT in pixels, e.g. 1000x1002.");
        }
    }
}

package org.griot.ivr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The audio format of IVR prompts: what Asterisk's {@code format_wav} plays without transcoding, and
 * what the shipped prompts are (prompts/synthesise.sh): a RIFF/WAVE file, PCM, 8 kHz, mono, 16-bit.
 * {@link #check} reads the header of an uploaded file and says, in words, what is wrong with it.
 */
record PromptAudio(int sampleRate, int channels, int bitsPerSample, long dataBytes) {

    static final int SAMPLE_RATE = 8000;
    static final int CHANNELS = 1;
    static final int BITS_PER_SAMPLE = 16;
    static final String CONVERT_HINT = "convert it with: sox input.wav -r 8000 -c 1 -b 16 -e signed-integer output.wav";

    long durationMillis() {
        return dataBytes * 1000 / ((long) sampleRate * channels * (bitsPerSample / 8));
    }

    /** The header of a prompt's audio, if it is a playable prompt; otherwise why not. */
    static PromptAudio check(byte[] file) {
        if (file == null || file.length == 0) {
            throw new Problem("the audio file is empty");
        }
        if (file.length < 12 || !ascii(file, 0, "RIFF") || !ascii(file, 8, "WAVE")) {
            throw new Problem("not a WAV file (no RIFF/WAVE header); " + CONVERT_HINT);
        }
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long position = 12; // long: a hostile chunk size must not wrap the position around
        PromptAudio format = null;
        while (position + 8 <= file.length) {
            int at = (int) position;
            String id = new String(file, at, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(bytes.getInt(at + 4));
            int body = at + 8;
            if ("fmt ".equals(id)) {
                if (size < 16 || body + 16 > file.length) {
                    throw new Problem("the WAV format chunk is truncated");
                }
                int encoding = Short.toUnsignedInt(bytes.getShort(body));
                int channels = Short.toUnsignedInt(bytes.getShort(body + 2));
                int rate = bytes.getInt(body + 4);
                int bits = Short.toUnsignedInt(bytes.getShort(body + 14));
                if (encoding != 1) {
                    throw new Problem("the audio is not plain PCM (WAV encoding " + encoding + "); " + CONVERT_HINT);
                }
                if (rate != SAMPLE_RATE || channels != CHANNELS || bits != BITS_PER_SAMPLE) {
                    throw new Problem("the audio is " + rate + " Hz, " + channels + " channel(s), " + bits
                            + "-bit; Asterisk plays prompts as 8000 Hz, mono, 16-bit; " + CONVERT_HINT);
                }
                format = new PromptAudio(rate, channels, bits, 0);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new Problem("the WAV data comes before its format chunk");
                }
                if (size == 0) {
                    throw new Problem("the WAV file holds no sound");
                }
                if (body + size > file.length) {
                    throw new Problem("the WAV file is truncated: its data chunk announces " + size + " bytes, "
                            + (file.length - body) + " are there");
                }
                if (size % 2 != 0) {
                    throw new Problem("the WAV data is not whole 16-bit samples");
                }
                return new PromptAudio(format.sampleRate, format.channels, format.bitsPerSample, size);
            }
            position = body + size + (size & 1); // chunks are word-aligned
        }
        throw new Problem(format == null ? "the WAV file has no format chunk" : "the WAV file has no data chunk");
    }

    private static boolean ascii(byte[] file, int at, String text) {
        return new String(file, at, 4, StandardCharsets.US_ASCII).equals(text);
    }

    /** What is wrong with an audio file, said for the analyst who uploaded it. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message);
        }
    }
}

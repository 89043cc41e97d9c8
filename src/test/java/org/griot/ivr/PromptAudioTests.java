package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The upload check accepts what Asterisk plays (every shipped prompt) and says why it refuses the rest. */
class PromptAudioTests {

    @Test
    void everyShippedPromptPassesTheUploadCheck() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.walk(Path.of("prompts"), 2)) {
            shipped = files.filter(p -> p.toString().endsWith(".wav")).toList();
        }
        assertThat(shipped).hasSizeGreaterThan(100);
        for (Path wav : shipped) {
            PromptAudio audio = PromptAudio.check(Files.readAllBytes(wav));
            assertThat(audio.durationMillis()).as(wav.toString()).isPositive();
        }
    }

    @Test
    void chunksBeforeTheDataAreSkippedAndTheDurationComesFromTheData() {
        byte[] wav = IvrStagingIntegrationTests.wav(8000, 1, 16, 16000); // 2 s
        byte[] list = "LIST\u0005\0\0\0abcde\0".getBytes(StandardCharsets.ISO_8859_1); // odd size: padded
        byte[] withList = new byte[wav.length + list.length];
        System.arraycopy(wav, 0, withList, 0, 36);
        System.arraycopy(list, 0, withList, 36, list.length);
        System.arraycopy(wav, 36, withList, 36 + list.length, wav.length - 36);

        assertThat(PromptAudio.check(withList).durationMillis()).isEqualTo(2000);
    }

    @Test
    void compressedAudioIsRefusedWithTheConversionToUse() {
        byte[] alaw = IvrStagingIntegrationTests.wav(8000, 1, 16, 800);
        ByteBuffer.wrap(alaw).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 6);

        assertThatThrownBy(() -> PromptAudio.check(alaw)).hasMessageContaining("not plain PCM (WAV encoding 6)")
                .hasMessageContaining("sox input.wav -r 8000 -c 1 -b 16");
        assertThatThrownBy(() -> PromptAudio.check(java.util.Arrays.copyOf(alaw, 30))).hasMessageContaining("truncated");
    }

    @Test
    void hostileHeadersAreRefusedWithAReasonNeverWithACrash() {
        byte[] wav = IvrStagingIntegrationTests.wav(8000, 1, 16, 800);
        List<byte[]> hostile = new java.util.ArrayList<>();
        for (long size : new long[] {0xFFFFFFF0L, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x7FFFFFF7L, 0x80000000L}) {
            byte[] chunk = java.util.Arrays.copyOf(wav, 44); // RIFF header + fmt, then a "LIST" chunk of that size
            ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).put(36, (byte) 'L').put(37, (byte) 'I')
                    .put(38, (byte) 'S').put(39, (byte) 'T').putInt(40, (int) size);
            hostile.add(chunk);
            byte[] fmt = java.util.Arrays.copyOf(wav, wav.length);
            ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, (int) size); // fmt chunk size
            hostile.add(fmt);
            byte[] data = java.util.Arrays.copyOf(wav, wav.length);
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(40, (int) size); // data chunk size
            hostile.add(data);
        }
        hostile.add("RIFF".getBytes(StandardCharsets.US_ASCII));
        hostile.add("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII));
        hostile.add("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        hostile.add("<?php system($_GET['c']); ?>".getBytes(StandardCharsets.US_ASCII));
        hostile.add(new byte[] {0});
        for (byte[] file : hostile) {
            assertThatThrownBy(() -> PromptAudio.check(file)).isInstanceOf(PromptAudio.Problem.class)
                    .hasMessageMatching("(?s).*(WAV|wav|truncated|format|data|empty).*");
        }
    }
}

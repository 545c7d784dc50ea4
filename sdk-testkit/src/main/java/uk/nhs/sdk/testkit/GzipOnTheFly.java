package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A stream's bytes as one gzip member, compressed while they are read (as NHS England's
 * mesh-sandbox gzips a stored chunk for a client that accepts gzip): a 10-byte header, the raw
 * deflate stream at the given level, then the CRC-32 and length. Holds one 64 KiB input and one
 * 64 KiB output buffer; ends its deflater on close or at the end.
 */
final class GzipOnTheFly extends InputStream {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[BUFFER];
    private final byte[] output = new byte[BUFFER];
    private int outPos;
    private int outLimit;
    private long size;
    private boolean inputDone;
    private boolean trailerWritten;
    private boolean ended;

    GzipOnTheFly(InputStream in, int level) {
        this.in = in;
        this.deflater = new Deflater(level, true);
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        System.arraycopy(header, 0, output, 0, header.length);
        outLimit = header.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLimit) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, outLimit - outPos);
        System.arraycopy(output, outPos, b, off, n);
        outPos += n;
        return n;
    }

    /** Refills the output buffer; false at the end of the member. */
    private boolean fill() throws IOException {
        outPos = 0;
        outLimit = 0;
        if (trailerWritten) {
            end();
            return false;
        }
        while (outLimit == 0) {
            if (deflater.finished()) {
                writeTrailer();
                return true;
            }
            if (deflater.needsInput() && !inputDone) {
                int r = in.read(input, 0, input.length);
                if (r < 0) {
                    inputDone = true;
                    deflater.finish();
                } else if (r > 0) {
                    crc.update(input, 0, r);
                    size += r;
                    deflater.setInput(input, 0, r);
                }
            }
            outLimit = deflater.deflate(output, 0, output.length);
        }
        return true;
    }

    private void writeTrailer() {
        int c = (int) crc.getValue();
        int s = (int) size;
        byte[] t = {
            (byte) c,
            (byte) (c >>> 8),
            (byte) (c >>> 16),
            (byte) (c >>> 24),
            (byte) s,
            (byte) (s >>> 8),
            (byte) (s >>> 16),
            (byte) (s >>> 24)
        };
        System.arraycopy(t, 0, output, 0, t.length);
        outLimit = t.length;
        trailerWritten = true;
    }

    private void end() {
        if (!ended) {
            ended = true;
            deflater.end();
        }
    }

    @Override
    public void close() throws IOException {
        end();
        in.close();
    }
}

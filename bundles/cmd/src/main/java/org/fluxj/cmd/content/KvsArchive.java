package org.fluxj.cmd.content;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.fluxj.cmd.CommandException;

/**
 * The archives {@code flux dump} writes and {@code flux restore} reads, as flux-core's libarchive
 * use: a POSIX tar (ustar headers, pax ones only where a name or size needs them), compressed
 * as the file name says ({@code .tgz}/{@code .tar.gz}, {@code .tar.bz2}, {@code .tar.xz}, plain
 * {@code .tar}); {@code -} is uncompressed tar on standard output or input. Reading detects the
 * compression from the bytes, whatever the name; what is not tar fails at its first header.
 */
final class KvsArchive {
    private KvsArchive() {
    }

    /** A tar writer for {@code name}, whose compression its extension chooses. */
    static TarArchiveOutputStream create(String name) throws IOException {
        OutputStream out;
        if (name.equals("-")) {
            out = new BufferedOutputStream(System.out, 1 << 16);
        } else {
            String compressor = compressorFor(name);
            try {
                out = new BufferedOutputStream(Files.newOutputStream(Path.of(name)), 1 << 16);
            } catch (NoSuchFileException e) {
                throw new CommandException(name + ": No such file or directory");
            } catch (AccessDeniedException e) {
                throw new CommandException(name + ": Permission denied");
            }
            out = switch (compressor) {
                case "gz" -> new GzipCompressorOutputStream(out);
                case "bz2" -> new BZip2CompressorOutputStream(out);
                case "xz" -> new XZCompressorOutputStream(out);
                default -> out;
            };
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /** The compression the name asks for, as libarchive's archive_write_set_format_filter_by_ext. */
    static String compressorFor(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tgz") || n.endsWith(".tar.gz")) {
            return "gz";
        } else if (n.endsWith(".tbz2") || n.endsWith(".tar.bz2")) {
            return "bz2";
        } else if (n.endsWith(".txz") || n.endsWith(".tar.xz")) {
            return "xz";
        } else if (n.endsWith(".tar")) {
            return "";
        }
        throw new CommandException(name + ": unknown archive type (name it .tar, .tgz, .tar.gz, .tar.bz2 or .tar.xz)");
    }

    /** A tar reader for {@code name} ({@code -}: standard input), decompressing what is compressed. */
    static TarArchiveInputStream open(String name) throws IOException {
        InputStream in;
        if (name.equals("-")) {
            in = new BufferedInputStream(System.in, 1 << 16);
        } else {
            try {
                in = new BufferedInputStream(Files.newInputStream(Path.of(name)), 1 << 16);
            } catch (NoSuchFileException | FileNotFoundException e) {
                throw new CommandException(name + ": No such file or directory");
            } catch (AccessDeniedException e) {
                throw new CommandException(name + ": Permission denied");
            }
        }
        try {
            String compressor = CompressorStreamFactory.detect(in);
            in = new BufferedInputStream(CompressorStreamFactory.getSingleton().createCompressorInputStream(compressor, in));
        } catch (CompressorException e) {
            // not compressed (or not a format we know): read it as it is
        }
        // commons-compress takes input shorter than one tar block for an empty archive; libarchive does not
        in.mark(512);
        int n = in.readNBytes(512).length;
        in.reset();
        if (n < 512) {
            throw new CommandException(name + (n == 0 ? ": empty file, not a tar archive" : ": truncated tar archive"));
        }
        return new TarArchiveInputStream(in, "UTF-8");
    }
}

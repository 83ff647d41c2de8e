package org.fluxj.formats.curve;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.fluxj.formats.FormatException;

/**
 * A CURVE certificate in the file format flux-core reads and writes ({@code libzmqutil/cert.c}, itself the
 * CZMQ {@code zcert} ZPL layout): comment lines, a {@code metadata} section of {@code key = "value"} lines and a
 * {@code curve} section with {@code public-key} and {@code secret-key} as 40-character Z85 text, every entry
 * indented under an unindented section name.
 *
 * <p>Keys are curve25519 keys as libsodium makes them: the secret is 32 random bytes, the public key its scalar
 * product with the base point. This class does that with the JDK's X25519, so it needs neither JeroMQ nor jnacl
 * (the {@code flux keygen} command uses it without either on its class path). Immutable.
 */
public final class CurveCert {
    /** CURVE long-term keys are 32 bytes (ZeroMQ RFC 26). */
    public static final int KEY_SIZE = 32;
    /** Their Z85 text is 40 characters. */
    public static final int KEY_TEXT_SIZE = 40;

    private static final String KEY_EXTRA = "-.";
    private static final String VALUE_EXTRA = ".-:+=^!/*?&<>()[]{}@%$# \t";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;
    private final byte[] secretKey; // null: a public-only certificate
    private final Map<String, String> metadata;

    private CurveCert(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A new key pair with no metadata ({@code zmq_curve_keypair}). */
    public static CurveCert generate() {
        byte[] secret = new byte[KEY_SIZE];
        RANDOM.nextBytes(secret);
        return new CurveCert(publicKeyOf(secret), secret, Map.of());
    }

    /**
     * A certificate from key text; {@code secretText} may be null for a public-only certificate (as the ZAP
     * handler keeps the keys it authorizes).
     *
     * @throws FormatException if a key is not 40 Z85 characters or the two keys do not belong together
     */
    public static CurveCert fromText(String publicText, String secretText) throws FormatException {
        byte[] pub = decodeKey(publicText, "public key");
        byte[] sec = secretText == null ? null : decodeKey(secretText, "secret key");
        if (sec != null && !Arrays.equals(publicKeyOf(sec), pub)) {
            throw new FormatException("CURVE public key does not match the secret key");
        }
        return new CurveCert(pub, sec, Map.of());
    }

    /** This certificate with the given metadata instead of its own (insertion order is kept on write). */
    public CurveCert withMetadata(Map<String, String> meta) {
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (!validKey(e.getKey())) {
                throw new IllegalArgumentException("invalid certificate metadata key '" + e.getKey() + "'");
            }
            if (!validValue(e.getValue())) {
                throw new IllegalArgumentException("invalid certificate metadata value for " + e.getKey());
            }
        }
        return new CurveCert(publicKey, secretKey, meta);
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A copy of the 32-byte secret key, or null for a public-only certificate. */
    public byte[] secretKey() {
        return secretKey == null ? null : secretKey.clone();
    }

    public boolean hasSecret() {
        return secretKey != null;
    }

    public String publicText() {
        return Z85.encode(publicKey);
    }

    /** The secret key's Z85 text, or null. */
    public String secretText() {
        return secretKey == null ? null : Z85.encode(secretKey);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The {@code name} metadata (logged when a peer with this certificate is authorized), or null. */
    public String name() {
        return metadata.get("name");
    }

    /** The certificate without its secret key. */
    public CurveCert publicOnly() {
        return new CurveCert(publicKey, null, metadata);
    }

    // ---------------------------------------------------------------- keys

    /** The curve25519 public key of a secret key ({@code zmq_curve_public}). */
    public static byte[] publicKeyOf(byte[] secret) {
        if (secret.length != KEY_SIZE) {
            throw new IllegalArgumentException("a CURVE secret key is " + KEY_SIZE + " bytes, not " + secret.length);
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH");
            PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret.clone()));
            PublicKey base = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(priv);
            ka.doPhase(base, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JDK", e);
        }
    }

    private static byte[] decodeKey(String text, String what) throws FormatException {
        byte[] key = text != null && text.length() == KEY_TEXT_SIZE ? Z85.decode(text) : null;
        if (key == null) {
            throw new FormatException("CURVE " + what + " is not " + KEY_TEXT_SIZE + " characters of Z85");
        }
        return key;
    }

    // ---------------------------------------------------------------- file format

    /** The certificate file's text, as flux-core's {@code cert_write} lays it out. */
    public String toText() {
        if (secretKey == null) {
            throw new IllegalStateException("a certificate file holds both keys; this one has no secret key");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("#  ZeroMQ CURVE **Secret** Certificate\n");
        sb.append("#  DO NOT DISTRIBUTE\n");
        sb.append('\n');
        sb.append("metadata\n");
        metadata.forEach((k, v) -> sb.append("    ").append(k).append(" = \"").append(v).append("\"\n"));
        sb.append("curve\n");
        sb.append("    public-key = \"").append(publicText()).append("\"\n");
        sb.append("    secret-key = \"").append(secretText()).append("\"\n");
        return sb.toString();
    }

    /**
     * Writes the certificate file, created with mode 0600 (an existing file is truncated and keeps its mode, as
     * with flux-keygen's {@code open(O_CREAT|O_TRUNC, 0600)}).
     */
    public void write(Path path) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        FileAttribute<?>[] attrs = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(path, options, attrs);
                var out = Channels.newOutputStream(ch)) {
            out.write(toText().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a certificate file as the broker loads {@code [bootstrap] curve_cert}: the file must not be
     * readable by group or other, and must hold both keys.
     *
     * @throws FormatException with a one-line message naming the file (and the line and key at fault)
     */
    public static CurveCert load(Path path) throws FormatException {
        try {
            if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new FormatException(path + ": readable by group/other");
                }
            }
        } catch (NoSuchFileException e) {
            throw new FormatException(path + ": No such file or directory", e);
        } catch (IOException e) {
            throw new FormatException(path + ": " + e.getMessage(), e);
        }
        return read(path);
    }

    /** Reads a certificate file without checking its mode. */
    public static CurveCert read(Path path) throws FormatException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path + ": No such file or directory", e);
        } catch (MalformedInputException e) {
            throw new FormatException(path + ": not a text file", e);
        } catch (IOException e) {
            throw new FormatException(path + ": " + e.getMessage(), e);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses certificate text with flux-core's rules: blank lines and lines starting with {@code #} (after
     * white space) are skipped; {@code metadata} and {@code curve} start sections when not indented; every other
     * line is an indented {@code key = "value"} inside one; the curve section has exactly the keys
     * {@code public-key} and {@code secret-key}, which must be a matching pair.
     *
     * @param source what to name in errors (the file name)
     */
    public static CurveCert parse(String text, String source) throws FormatException {
        String section = null;
        Map<String, String> meta = new LinkedHashMap<>();
        String pub = null;
        String sec = null;
        int lineno = 0;
        for (String line : text.split("\n", -1)) {
            lineno++;
            boolean indent = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            String s = line.strip();
            if (s.isEmpty() || s.charAt(0) == '#') {
                continue;
            }
            String at = source + ": line " + lineno + ": ";
            if (!indent && (s.equals("metadata") || s.equals("curve"))) {
                section = s;
                continue;
            }
            if (!indent) {
                throw new FormatException(at + (section == null || s.indexOf('=') < 0
                        ? "unknown section '" + s + "' (expected metadata or curve)"
                        : "entry '" + s + "' is not indented under its section"));
            }
            if (section == null) {
                throw new FormatException(at + "entry '" + s + "' is outside the metadata and curve sections");
            }
            int eq = s.indexOf('=');
            String key = eq < 0 ? s : s.substring(0, eq).strip();
            if (eq < 0 || !validKey(key)) {
                throw new FormatException(at + "expected key = \"value\" in the " + section + " section");
            }
            String raw = s.substring(eq + 1).strip();
            if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
                throw new FormatException(at + section + " " + key + ": value is not in double quotes");
            }
            String val = raw.substring(1, raw.length() - 1);
            if (!validValue(val)) {
                throw new FormatException(at + section + " " + key + ": value has characters a certificate may not hold");
            }
            if (section.equals("metadata")) {
                if (meta.putIfAbsent(key, val) != null) {
                    throw new FormatException(at + "metadata " + key + ": duplicate key");
                }
            } else if (key.equals("public-key") || key.equals("secret-key")) {
                if (val.length() != KEY_TEXT_SIZE || Z85.decode(val) == null) {
                    throw new FormatException(at + "curve " + key + ": not a " + KEY_TEXT_SIZE
                            + "-character Z85 key");
                }
                if (key.equals("public-key")) {
                    pub = val;
                } else {
                    sec = val;
                }
            } else {
                throw new FormatException(at + "curve " + key + ": unknown key (expected public-key or secret-key)");
            }
        }
        if (pub == null) {
            throw new FormatException(source + ": curve public-key is missing");
        }
        if (sec == null) {
            throw new FormatException(source + ": curve secret-key is missing");
        }
        byte[] secret = Z85.decode(sec);
        byte[] pubKey = Z85.decode(pub);
        if (!Arrays.equals(publicKeyOf(secret), pubKey)) {
            throw new FormatException(source + ": curve public-key does not match secret-key");
        }
        return new CurveCert(pubKey, secret, meta);
    }

    static boolean validKey(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiAlnum(c) && KEY_EXTRA.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean validValue(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiAlnum(c) && VALUE_EXTRA.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveCert c && Arrays.equals(publicKey, c.publicKey)
                && Arrays.equals(secretKey, c.secretKey) && metadata.equals(c.metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + metadata.hashCode();
    }

    /** Never shows the secret key. */
    @Override
    public String toString() {
        return "CurveCert[public=" + publicText() + (secretKey != null ? ", with secret" : "") + ", meta=" + metadata
                + "]";
    }
}

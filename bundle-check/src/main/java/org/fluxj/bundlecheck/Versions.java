package org.fluxj.bundlecheck;

/** OSGi versions and version ranges, as far as Import-Package needs them. */
final class Versions {
    private Versions() {
    }

    /**
     * Whether {@code version} (an export's; "" is 0.0.0) is in {@code range}: "" (any), a
     * version (that or later), or an interval {@code [1.0,2)} with either end open or closed.
     */
    static boolean inRange(String version, String range) {
        if (range.isEmpty()) {
            return true;
        }
        if (range.charAt(0) != '[' && range.charAt(0) != '(') {
            return compare(version, range) >= 0;
        }
        String[] ends = range.substring(1, range.length() - 1).split(",", 2);
        int low = compare(version, ends[0].trim());
        int high = compare(version, ends[1].trim());
        boolean aboveLow = range.charAt(0) == '[' ? low >= 0 : low > 0;
        boolean belowHigh = range.charAt(range.length() - 1) == ']' ? high <= 0 : high < 0;
        return aboveLow && belowHigh;
    }

    /** Compares major, minor and micro numerically; qualifiers are ignored. */
    static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static int[] parts(String v) {
        int[] out = new int[3];
        String[] p = v.isEmpty() ? new String[0] : v.split("\\.");
        for (int i = 0; i < 3 && i < p.length; i++) {
            out[i] = Integer.parseInt(p[i].trim());
        }
        return out;
    }
}

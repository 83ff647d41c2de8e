package org.fluxj.formats.internal;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;

/** TEMPORARY stand-in for org.fluxj.formats.hostlist.Hostlist until branch hostlist-idset lands. */
public final class TmpHostlist {
    private TmpHostlist() {
    }

    public static List<String> decode(String s) throws FormatException {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw new FormatException("hostlist: invalid hostlist '" + s + "'");
                }
            } else if ((c == ',' || c == ' ') && depth == 0) {
                String part = s.substring(start, i);
                start = i + 1;
                if (!part.isEmpty()) {
                    expand(part, s, out);
                }
            }
        }
        if (depth != 0) {
            throw new FormatException("hostlist: invalid hostlist '" + s + "'");
        }
        return out;
    }

    private static void expand(String part, String all, List<String> out) throws FormatException {
        int lb = part.indexOf('[');
        if (lb < 0) {
            out.add(part);
            return;
        }
        int rb = part.indexOf(']', lb);
        if (rb < 0 || part.indexOf('[', lb + 1) >= 0) {
            throw new FormatException("hostlist: invalid hostlist '" + all + "'");
        }
        String prefix = part.substring(0, lb);
        String suffix = part.substring(rb + 1);
        for (String r : part.substring(lb + 1, rb).split(",", -1)) {
            int dash = r.indexOf('-');
            String a = dash < 0 ? r : r.substring(0, dash);
            String b = dash < 0 ? r : r.substring(dash + 1);
            if (!digits(a) || !digits(b)) {
                throw new FormatException("hostlist: invalid hostlist '" + all + "'");
            }
            long lo = Long.parseLong(a);
            long hi = Long.parseLong(b);
            if (hi < lo || hi - lo > 1_000_000) {
                throw new FormatException("hostlist: invalid hostlist '" + all + "'");
            }
            int width = a.length();
            for (long n = lo; n <= hi; n++) {
                String num = Long.toString(n);
                while (num.length() < width) {
                    num = "0" + num;
                }
                out.add(prefix + num + suffix);
            }
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static String encode(List<String> hosts) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < hosts.size()) {
            String h = hosts.get(i);
            int d = h.length();
            while (d > 0 && Character.isDigit(h.charAt(d - 1))) {
                d--;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            if (d == h.length()) {
                sb.append(h);
                i++;
                continue;
            }
            String prefix = h.substring(0, d);
            int width = h.length() - d;
            List<String> nums = new ArrayList<>();
            int j = i;
            while (j < hosts.size()) {
                String o = hosts.get(j);
                if (!o.startsWith(prefix) || o.length() - prefix.length() != width
                        || !digits(o.substring(prefix.length()))) {
                    break;
                }
                nums.add(o.substring(prefix.length()));
                j++;
            }
            if (nums.size() == 1) {
                sb.append(h);
            } else {
                StringBuilder r = new StringBuilder();
                int k = 0;
                while (k < nums.size()) {
                    int m = k;
                    while (m + 1 < nums.size()
                            && Long.parseLong(nums.get(m + 1)) == Long.parseLong(nums.get(m)) + 1) {
                        m++;
                    }
                    if (r.length() > 0) {
                        r.append(',');
                    }
                    r.append(nums.get(k));
                    if (m > k) {
                        r.append('-').append(nums.get(m));
                    }
                    k = m + 1;
                }
                sb.append(prefix).append('[').append(r).append(']');
            }
            i = j;
        }
        return sb.toString();
    }
}

package org.fluxj.kernel.api;

import java.util.regex.Pattern;

/** A topic glob as flux-core's message handlers match them with fnmatch(3): '*', '?'. */
public final class TopicGlob {
    private final String glob;
    private final Pattern pattern;

    public TopicGlob(String glob) {
        this.glob = glob;
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = glob.indexOf('*') < 0 && glob.indexOf('?') < 0 ? null : Pattern.compile(re.toString());
    }

    public boolean matches(String topic) {
        return pattern == null ? glob.equals(topic) : topic != null && pattern.matcher(topic).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}

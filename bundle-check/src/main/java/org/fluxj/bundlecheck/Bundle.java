package org.fluxj.bundlecheck;

import java.util.Map;
import java.util.Set;

/**
 * A built bundle as the check sees it.
 *
 * @param name its Bundle-SymbolicName
 * @param exports the packages of its Export-Package, each with its version
 * @param imports the packages of its Import-Package, each with its version range ("" if none)
 * @param classes the classes it contains (binary names, {@code org/fluxj/x/Y}), by package
 */
record Bundle(String name, Map<String, String> exports, Map<String, String> imports, Map<String, Set<String>> classes) {
}

/**
 * {@link org.fluxj.module.testing.ModuleFixture}: a {@code ModuleContext} without a broker, so
 * that a module's handlers are unit-tested alone. Module bundles use it as a test dependency.
 */
@Export
@Version("1.0.0")
package org.fluxj.module.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

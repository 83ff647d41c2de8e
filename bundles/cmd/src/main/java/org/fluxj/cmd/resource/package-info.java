/**
 * {@code flux resource}: the resource module's view of the instance (flux-core's
 * flux-resource.py): status, list, drain, undrain, info, R.
 */
package org.fluxj.cmd.resource;

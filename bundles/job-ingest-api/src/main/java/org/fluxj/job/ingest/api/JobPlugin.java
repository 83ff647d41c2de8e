package org.fluxj.job.ingest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a validator or frobnicator plugin ({@code jobspec}, {@code defaults}): the one place its
 * name is written. As a DS component property type it becomes the service properties
 * {@value #NAME} and {@code plugin.description}, by which job-ingest picks its plugins; kept at
 * run time, {@link JobPlugins#nameOf} reads it where plugins are found with {@link java.util.ServiceLoader}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface JobPlugin {
    /** Makes the elements' service properties {@code plugin.name} and {@code plugin.description}. */
    String PREFIX_ = "plugin.";

    /** The service property holding the name. */
    String NAME = "plugin.name";

    /** The name the configuration lists it by. */
    String name();

    /** One line, as {@code flux job-validator --list-plugins} shows it. */
    String description() default "";
}

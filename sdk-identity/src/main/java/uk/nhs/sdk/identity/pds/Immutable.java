package uk.nhs.sdk.identity.pds;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances never change after construction: final fields holding immutable
 * values only. SpotBugs reads it (any annotation named {@code Immutable}) as the class's contract,
 * so a getter returning an instance is not taken for exposing internal state; a method whose name
 * merely starts like a setter's ({@code addresses()}) would otherwise make the class look mutable.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface Immutable {}

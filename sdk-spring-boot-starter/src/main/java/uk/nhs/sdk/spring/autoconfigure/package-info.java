/**
 * Auto-configuration of the SDK's clients from {@link uk.nhs.sdk.spring.NhsProperties}: one shared
 * transport, a client bean per enabled service, health indicators and start-up validation.
 */
package uk.nhs.sdk.spring.autoconfigure;

/**
 * The NHS SDK's foundation: environments, client options and value types.
 */
package uk.nhs.sdk.core;

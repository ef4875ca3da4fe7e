/** Admin pages of offerings ({@code /admin/offerings}): thin page controllers with their checked templates. */
package io.nubis.offering.web;

/** Admin pages of networks ({@code /admin/l2-networks}, {@code /admin/l3-networks}). */
package io.nubis.network.web;

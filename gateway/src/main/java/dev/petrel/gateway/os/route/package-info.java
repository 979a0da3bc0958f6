/**
 * Routes into the gateway's devices, installed with an SA and removed with it, all tagged with
 * {@link dev.petrel.gateway.os.route.Routes#PROTOCOL} so that a restarted daemon finds and removes what its
 * predecessor left ({@link dev.petrel.gateway.os.route.Routes#flushStale()}); and the kernel's route to a
 * destination, with its MTU ({@link dev.petrel.gateway.os.route.Routes#lookup}).
 */
package dev.petrel.gateway.os.route;

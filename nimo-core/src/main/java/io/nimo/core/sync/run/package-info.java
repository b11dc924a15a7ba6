/** Internal: the state and hooks the phases of one sync run share. May change between releases. */
package io.nimo.core.sync.run;

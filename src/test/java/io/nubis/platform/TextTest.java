package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nubis.vm.VmMessages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void recordsTheMethodAsKeyAndItsArguments() {
        Text t = Text.of(VmMessages.class, m -> m.error_vm_state("web-1", "Running"));
        assertEquals("error_vm_state", t.key());
        assertEquals(Arrays.asList("web-1", "Running"), t.args());
        assertEquals(new Text("error_too_long", Arrays.asList(64)), Text.msg(m -> m.error_too_long(64)));
    }

    @Test
    void keepsNullArgumentsAndCopiesTheList() {
        Object[] args = {"a", null};
        Text t = new Text("error_not_found", Arrays.asList(args));
        args[0] = "changed";
        assertEquals(Arrays.asList("a", null), t.args());
        assertThrows(UnsupportedOperationException.class, () -> t.args().add("x"));
    }

    @Test
    void refusesAFunctionThatNamesNoText() {
        assertThrows(IllegalArgumentException.class, () -> Text.of(VmMessages.class, m -> "plain"));
        assertThrows(UnsupportedOperationException.class, () -> Text.of(VmMessages.class, m -> m.toString()));
    }
}

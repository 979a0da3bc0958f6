package dev.petrel.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlJsonTest {
    @Test
    void statusListsRoundTrip() throws JsonProcessingException {
        Reply sas = new Reply.Sas(List.of(FakeGateway.HOME, FakeGateway.HOME));
        assertEquals(sas, ControlJson.read(ControlJson.line(sas), Reply.class));
        Reply conns = new Reply.Conns(List.of(FakeGateway.HOME_CONN));
        assertEquals(conns, ControlJson.read(ControlJson.line(conns), Reply.class));
    }

    @Test
    void everyRequestAndReplyRoundTrips() throws JsonProcessingException {
        for (Request request : List.of(new Request.Initiate("home"), new Request.Terminate("home"),
                new Request.Reload(), new Request.ListSas(), new Request.ListConns())) {
            assertEquals(request, ControlJson.read(ControlJson.line(request), Request.class));
        }
        for (Reply reply : List.of(new Reply.Done(CommandResult.failure("a", "b")), new Reply.Sas(List.of()),
                new Reply.Conns(List.of()), new Reply.Failure("no"))) {
            assertEquals(reply, ControlJson.read(ControlJson.line(reply), Reply.class));
        }
    }

    @Test
    void poolStatusesRoundTrip() throws JsonProcessingException {
        AddressPoolStatus pool = new AddressPoolStatus("rw", List.of("10.3.0.1-10.3.0.14"), 14, 1, 1, List.of(
                new PoolLeaseStatus("10.3.0.1", "carol@example.com", "offline"),
                new PoolLeaseStatus("10.3.0.2", "dave@example.com", "online")));
        assertEquals(pool, ControlJson.read(ControlJson.line(pool), AddressPoolStatus.class));
        assertThrows(JsonProcessingException.class, () -> ControlJson.read(
                ControlJson.line(pool).replace("\"offline\"", "\"gone\""), AddressPoolStatus.class));
    }

    @Test
    void requestsAreNamedByTheirCommand() {
        assertEquals("{\"command\":\"list-conns\"}", ControlJson.line(new Request.ListConns()));
        assertEquals("{\"command\":\"terminate\",\"connection\":\"home\"}",
                ControlJson.line(new Request.Terminate("home")));
    }

    @Test
    void aStatusWithAFieldMissingIsRejected() {
        String line = ControlJson.line(new Reply.Sas(List.of(FakeGateway.HOME)));
        assertThrows(JsonProcessingException.class,
                () -> ControlJson.read(line.replace("\"uniqueId\":1,", ""), Reply.class));
        assertThrows(JsonProcessingException.class,
                () -> ControlJson.read(line.replace("\"ESTABLISHED\"", "\"HALF_OPEN\""), Reply.class));
    }
}

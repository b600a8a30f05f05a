using System.Text.Json;
using AutoMapper;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

public sealed class RecordKeepingProfile : Profile
{
    public RecordKeepingProfile()
    {
        CreateMap<Change, ChangeResponse>()
            .ForMember(c => c.Id, o => o.MapFrom(c => c.RecordId));
        CreateMap<AuditEntry, AuditEntryResponse>()
            .ForMember(a => a.Actor, o => o.MapFrom(a => new ActorResponse { Subject = a.ActorSubject, Organisation = a.ActorOrganisation }))
            .ForMember(a => a.Before, o => o.MapFrom(a => a.Before))
            .ForMember(a => a.After, o => o.MapFrom(a => a.After));
        CreateMap<string, JsonElement>().ConvertUsing(json => JsonDocument.Parse(json, default).RootElement.Clone());
        CreateMap<string?, JsonElement?>().ConvertUsing(json => json == null ? null : JsonDocument.Parse(json, default).RootElement.Clone());
    }
}

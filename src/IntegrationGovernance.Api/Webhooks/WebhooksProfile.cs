using AutoMapper;
using IntegrationGovernance.Infrastructure.Webhooks;

namespace IntegrationGovernance.Api.Webhooks;

public sealed class WebhooksProfile : Profile
{
    public WebhooksProfile()
    {
        CreateMap<WebhookSubscription, WebhookSubscriptionResponse>();
        CreateMap<DeliveryAttempt, DeliveryAttemptResponse>();
        CreateMap<WebhookDelivery, WebhookDeliveryResponse>();
    }
}

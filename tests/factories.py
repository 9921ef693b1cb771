import factory
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Membership, ReadingPoint, Role

PASSWORD = "correct-horse-battery-9"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"测试机关{n}")
    level = AgencyLevel.COUNTY
    kind = AgencyKind.DEPARTMENT
    phone = "0533-6181890"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.OFFICER


class ReadingPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadingPoint

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"查阅点{n}")
    address = "某区某路1号"

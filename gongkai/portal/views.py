from django.http import HttpResponse


def agency_list(request):
    return HttpResponse("")


def agency_home(request, code):
    return HttpResponse("")

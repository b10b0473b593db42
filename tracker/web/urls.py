"""Public pages. These paths are part of the product's interface: keep them stable."""

from django.urls import path

from tracker.web import feeds, views

app_name = "web"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("companies/", views.CompanyListView.as_view(), name="companies"),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
    path("investors/", views.InvestorListView.as_view(), name="investors"),
    path("investors/<slug:slug>/", views.InvestorDetailView.as_view(), name="investor"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rounds/", feeds.LatestRoundsFeed(), name="feed_rounds"),
    path("feeds/companies/<slug:slug>/", feeds.CompanyRoundsFeed(), name="feed_company"),
    path("feeds/investors/<slug:slug>/", feeds.InvestorRoundsFeed(), name="feed_investor"),
]

(function () {
  "use strict";

  var TOAST_MS = 4000;
  var BANNER_DELAY_MS = 600;

  function dismissToasts() {
    document.querySelectorAll("[data-toast]").forEach(function (toast) {
      setTimeout(function () {
        toast.classList.add("is-leaving");
        setTimeout(function () { toast.remove(); }, 400);
      }, TOAST_MS);
    });
  }

  function setUpCookieBanner() {
    var banner = document.querySelector("[data-cookie-banner]");
    if (!banner) return;
    setTimeout(function () { banner.hidden = false; }, BANNER_DELAY_MS);
    var form = banner.querySelector("form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      document.cookie = "cookie_consent=accepted; path=/; max-age=31536000; SameSite=Lax";
      banner.remove();
    });
  }

  function card(product, cardClass, priceClass) {
    var item = document.createElement("li");
    item.id = product.id;
    item.className = cardClass;
    var link = document.createElement("a");
    link.href = product.url;
    link.textContent = product.name;
    var price = document.createElement("p");
    price.className = priceClass;
    price.textContent = product.price;
    item.append(link, price);
    return item;
  }

  function loadFeatured() {
    var section = document.querySelector("[data-featured-src]");
    if (!section) return;
    var list = section.querySelector("[data-list]");
    var loading = section.querySelector("[data-loading]");
    fetch(section.dataset.featuredSrc, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        data.products.forEach(function (product) {
          list.append(card(product, section.dataset.cardClass, section.dataset.priceClass));
        });
        loading.remove();
      })
      .catch(function () {
        loading.textContent = "Featured products are unavailable right now.";
      })
      .finally(function () {
        section.setAttribute("aria-busy", "false");
      });
  }

  function start() {
    dismissToasts();
    setUpCookieBanner();
    loadFeatured();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
